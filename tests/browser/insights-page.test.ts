import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { expectedIn, rangeIn, seedInsightsFixture, type Fixture } from "../insights/insights-fixture";

// 1997, not the unit test's 2003: both seed the same database (see FixtureYear).
const YEAR = 1997;
const EXPECTED = expectedIn(YEAR);
const RANGE = rangeIn(YEAR);
import { seedShowcase } from "../insights/insights-showcase";
import { seriousViolations } from "./axe";
import { baseUrl, screenshot, useBrowser } from "./harness";

// /insights in Chromium (America/Chicago, as every browser test): the numbers shown for the
// hand-computed history of tests/insights/insights-fixture.ts, the tables behind each chart,
// the CSV links, hover and keyboard tooltips, axe in both themes, and screenshots of a month
// of traffic.

const ui = useBrowser();
let fx: Fixture;
let showcaseLine = "";

beforeAll(async () => {
  fx = await seedInsightsFixture(testDb(), YEAR);
  showcaseLine = await seedShowcase(testDb());
});

const fixtureUrl = (extra = "") => `${baseUrl()}/insights?range=custom&from=${RANGE.from}&to=${RANGE.to}${extra}`;

/** The page once it has been computed in the browser's zone (the first visit learns it). */
async function openInsights(page: Page, url: string) {
  await page.goto(url);
  await page.getByText("Days and hours in America/Chicago.").waitFor();
}

async function tile(page: Page, measure: string) {
  const card = page
    .getByTestId("card-summary")
    .locator("dl > div")
    .filter({ has: page.getByText(measure, { exact: true }) });
  return (await card.locator("dd").textContent())?.replace(/\s+/g, " ").trim();
}

async function tableRows(page: Page, id: string) {
  return page
    .getByTestId(`table-${id}`)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent?.trim() ?? "")));
}

describe("/insights", () => {
  it("shows the hand-computed numbers, with each chart's table and CSV", async () => {
    const { context, page } = await ui.open();
    await openInsights(page, fixtureUrl());
    expect(await tile(page, "Messages received")).toBe("10");
    expect(await tile(page, "Messages sent")).toBe("11");
    expect(await tile(page, "Delivered")).toBe("45.5% (5 of 11)");
    expect(await tile(page, "Downgraded to SMS")).toBe("9.1% (1 of 11)");
    expect(await tile(page, "Median first response")).toBe("30 min");
    expect(await tile(page, "90th percentile first response")).toBe("1 h 21 min");
    expect(await tile(page, "Waiting for a first reply")).toBe("1");
    expect(await tile(page, "New contacts")).toBe("4");
    expect(await tile(page, "Opt-outs")).toBe("2");
    expect(await tile(page, "Calls")).toBe("5");

    // The tables behind the charts (visually hidden, there for screen readers).
    expect(await tableRows(page, "volume")).toEqual(
      EXPECTED.all.volume.map((d) => [
        d.day,
        ...(["inbound", "outbound"] as const).flatMap((dir) => Object.values(d[dir]).map(String)),
      ]),
    );
    expect(await tableRows(page, "delivery")).toEqual([
      ["Delivered", "5", "45.5%"],
      ["Sent, no delivery receipt", "1", "9.1%"],
      ["Failed", "4", "36.4%"],
      ["Not sent yet", "1", "9.1%"],
    ]);
    expect((await tableRows(page, "errors")).map((r) => [r[0], r[2], r[3]])).toEqual([
      ["10001", "Failed to send message", "2"],
      ["4002", "This number is blacklisted", "1"],
      ["none", "Undeliverable", "1"],
    ]);
    expect((await tableRows(page, "response")).map((r) => r[1])).toEqual(
      EXPECTED.all.firstResponse.buckets.map(String),
    );
    const hours = await tableRows(page, "hours");
    expect(hours.map((r) => r[0])).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(
      hours[4]!
        .slice(1)
        .map(Number)
        .reduce((a, b) => a + b, 0),
    ).toBe(2); // Friday: 09:00 and 23:00
    expect(hours[4]![1 + 9]).toBe("1");
    expect(await tableRows(page, "calls")).toEqual([
      ["connected", "2"],
      ["not answered", "1"],
      ["unknown", "1"],
      ["voicemail", "1"],
    ]);
    expect(await tableRows(page, "contacts")).toEqual(
      EXPECTED.all.contacts.map((c) => [c.day, String(c.newContacts), String(c.optedOut)]),
    );

    // "Show table" shows it to everyone; the CSV link downloads exactly those rows.
    const volume = page.getByTestId("card-volume");
    const width = async () => (await volume.getByTestId("table-volume").locator("xpath=..").boundingBox())?.width ?? 0;
    expect(await width()).toBeLessThanOrEqual(1); // visually hidden (sr-only), not display: none
    await volume.getByRole("button", { name: "Show table" }).click();
    await volume.getByRole("button", { name: "Hide table" }).waitFor();
    expect(await width()).toBeGreaterThan(300);
    const href = await volume.getByRole("link", { name: /CSV/ }).getAttribute("href");
    expect(href).toBe(`/api/insights/volume.csv?from=${YEAR}-04-04&to=${YEAR}-04-07&tz=America%2FChicago`);
    const csv = await page.request.get(`${baseUrl()}${href}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split("\r\n").slice(1, 5)).toEqual(
      (await tableRows(page, "volume")).map((r) => r.join(",")),
    );
    await context.close();
  });

  it("answers on hover and from the keyboard", async () => {
    const { context, page } = await ui.open();
    await openInsights(page, fixtureUrl());
    // Hovering the right end of the daily chart: the last day, Monday April 7.
    const chart = page.getByTestId("volume-chart").locator("canvas");
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width - 30, box.y + box.height / 3);
    const tip = page.getByTestId("volume-chart").getByTestId("chart-tooltip");
    await tip.getByText(`Mon, Apr 7, ${YEAR}`).waitFor();
    expect(await tip.textContent()).toContain("Received · iMessage: 3");
    expect(await tip.textContent()).toContain("Received 3, sent 1");

    // The heat map from the keyboard: the first key shows Monday 00:00, then down four rows
    // to Friday and right nine hours to 09:00.
    await page.mouse.move(0, 0);
    const heatmap = page.getByTestId("hours-heatmap").getByRole("group");
    await heatmap.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
    for (let i = 0; i < 9; i++) await page.keyboard.press("ArrowRight");
    const heatTip = page.getByTestId("hours-heatmap").getByTestId("chart-tooltip");
    await heatTip.getByText("Fri 09:00–10:00").waitFor();
    expect(await heatTip.textContent()).toContain("1 message received");
    expect(await page.getByTestId("hours-heatmap").getByRole("status").textContent()).toBe(
      "Fri 09:00–10:00: 1 message received",
    );
    await page.keyboard.press("Escape");
    await heatTip.waitFor({ state: "detached" });
    await context.close();
  });

  it("narrows to one line from the picker", async () => {
    const { context, page } = await ui.open();
    await openInsights(page, fixtureUrl());
    await page.getByLabel("Line").selectOption(fx.line1);
    await page.waitForURL(/line=/);
    await page.getByTestId("card-summary").getByText("50.0%").waitFor();
    expect(await tile(page, "Messages received")).toBe("6");
    expect(await tile(page, "Messages sent")).toBe("4");
    expect(await tile(page, "Median first response")).toBe("52 min 30 s");
    expect(await tile(page, "90th percentile first response")).toBe("1 h 25 min");
    expect(await tile(page, "Calls")).toBe("3");
    expect(await tableRows(page, "calls")).toEqual([
      ["connected", "2"],
      ["not answered", "1"],
    ]);
    await context.close();
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`has no serious axe violations and is screenshotted (${scheme})`, async () => {
      const { context, page } = await ui.open({ colorScheme: scheme, viewport: { width: 1280, height: 2300 } });
      await openInsights(page, fixtureUrl());
      expect(await seriousViolations(page)).toEqual([]);
      await openInsights(page, `${baseUrl()}/insights?range=30d&line=${encodeURIComponent(showcaseLine)}`);
      await page.getByTestId("hours-heatmap").locator("canvas").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `insights-${scheme}`);
      await context.close();
    });
  }
});
