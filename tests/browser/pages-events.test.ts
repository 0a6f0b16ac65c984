import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";
import { receiveBody, uniqueNumber } from "../support/webhooks";
import { baseUrl, postWebhook, screenshot, useBrowser } from "./harness";

const ui = useBrowser();

describe("/events", () => {
  it("shows a bad-JSON webhook as invalid with its raw body", async () => {
    const marker = randomUUID();
    const raw = `{"content": "half a body ${marker}", `;
    expect((await postWebhook("receive", raw)).status).toBe(400);
    await postWebhook("receive", receiveBody({ content: "A normal message" }));
    const row = await testDb().webhookEvent.findFirstOrThrow({
      where: { outcome: "invalid", type: "receive" },
      orderBy: { id: "desc" },
    });
    expect(Buffer.from(row.body!).toString("utf8")).toBe(raw);

    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/events?type=receive`);
    const item = page.locator(`[data-event-id="${row.id}"]`);
    expect(await item.locator("[data-outcome]").getAttribute("data-outcome")).toBe("invalid");
    await item.getByRole("button").first().click();
    await item.getByText(/raw text \(not JSON, or nested too deeply to format\)/).waitFor();
    expect(await item.getByTestId("event-body").textContent()).toBe(raw);
    await item.getByText("sb-signing-secret").waitFor();
    await context.close();
  });

  it("re-processes a failed webhook and shows the new outcome", async () => {
    const number = uniqueNumber();
    const body = JSON.stringify({ phone: number, first_name: "Re", last_name: "Processed" });
    const failed = await testDb().webhookEvent.create({
      data: {
        type: "contact_created",
        requestId: randomUUID(),
        headers: { "content-type": "application/json", "sb-signing-secret": "present" },
        body: new Uint8Array(Buffer.from(body)),
        bodySize: Buffer.byteLength(body),
        outcome: "failed",
        statusCode: 500,
        error: "Simulated crash in a since-fixed ingest bug",
      },
    });

    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/events?outcome=failed`);
    const item = page.locator(`[data-event-id="${failed.id}"]`);
    await item.getByRole("button").first().click();
    expect(await item.getByTestId("event-body").textContent()).toBe(JSON.stringify(JSON.parse(body), null, 2));
    await item.getByRole("button", { name: "Re-process" }).click();
    await item.getByRole("status").filter({ hasText: "Re-processed: processed" }).waitFor();
    expect(await item.locator("[data-outcome]").first().getAttribute("data-outcome")).toBe("processed");
    expect(await item.getByRole("button", { name: "Re-process" }).count()).toBe(0);

    const stored = await testDb().webhookEvent.findUniqueOrThrow({ where: { id: failed.id } });
    expect(stored).toMatchObject({ outcome: "processed", statusCode: 200, attempts: 2 });
    expect(await testDb().contact.findUnique({ where: { number } })).toMatchObject({
      firstName: "Re",
      lastName: "Processed",
    });
    await context.close();
  });

  it("filters by outcome, pages with Load more, and lists the webhook URLs", async () => {
    await postWebhook("typing_indicator", { number: uniqueNumber(), sendblue_number: "+15122164639", is_typing: true });
    await postWebhook("receive", receiveBody(), { secret: "wrong-secret" });
    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/events`);
    await page.getByLabel("Outcome").selectOption("unauthorized");
    await page.waitForURL(/outcome=unauthorized/);
    await page.locator("[data-event-id]").first().waitFor();
    const outcomes = await page
      .locator("[data-event-id] [data-outcome]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-outcome")));
    expect(new Set(outcomes)).toEqual(new Set(["unauthorized"]));
    // refusals are counted; only samples are listed, and the page says so
    await page
      .getByTestId("refusal-totals")
      .getByText(/refused for a wrong or missing secret; \d+ kept here as samples/)
      .waitFor();
    await screenshot(page, "events-refusals-light");

    // More than one page of one type, so "Load more" has something to fetch.
    await testDb().webhookEvent.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        type: "call_log",
        requestId: randomUUID(),
        headers: {},
        body: new Uint8Array(Buffer.from(JSON.stringify({ seq: i }))),
        bodySize: 10,
        outcome: "duplicate" as const,
        statusCode: 200,
      })),
    });
    await page.goto(`${baseUrl()}/events?type=call_log`);
    expect(await page.locator("[data-event-id]").count()).toBe(50);
    await page.getByRole("button", { name: "Load more" }).click();
    await page.waitForFunction((n) => document.querySelectorAll("[data-event-id]").length > n, 50);
    const ids = await page
      .locator("[data-event-id]")
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-event-id"))));
    expect(ids.length).toBeGreaterThanOrEqual(55);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);

    await page.goto(`${baseUrl()}/events`);
    await page.getByText("Webhook URLs to paste into Sendblue").click();
    for (const type of [
      "receive",
      "outbound",
      "typing_indicator",
      "call_log",
      "line_blocked",
      "line_assigned",
      "contact_created",
    ]) {
      await page.getByText(`${baseUrl()}/api/webhooks/${type}`, { exact: true }).waitFor();
    }
    // owners see the status_callback URL with the token derived from the secret, never the secret
    await page
      .getByText(`${baseUrl()}/api/webhooks/status?token=${statusCallbackToken("test-webhook-secret")}`)
      .waitFor();
    expect(await page.content()).not.toContain("test-webhook-secret");

    await page.goto(`${baseUrl()}/events?type=receive`);
    const invalid = page
      .locator("[data-event-id]")
      .filter({ has: page.locator('[data-outcome="invalid"]') })
      .first();
    await invalid.getByRole("button").first().click();
    await invalid.getByTestId("event-body").waitFor();
    await screenshot(page, "events-light");
    await context.close();

    const { context: dark, page: darkPage } = await ui.open({ colorScheme: "dark" });
    await darkPage.goto(`${baseUrl()}/events?type=receive&outcome=processed`);
    // A stored message, so the screenshot shows a pretty-printed body.
    const message = darkPage.locator("[data-event-id]").first();
    await message.getByRole("button").first().click();
    await message.getByTestId("event-body").waitFor();
    await screenshot(darkPage, "events-dark");
    await dark.close();
  });
});
