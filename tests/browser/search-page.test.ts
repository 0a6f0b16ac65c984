import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addConversationLabel } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { changeConversation } from "@/lib/workflow/change-conversation";
import { testDb } from "../support/db";
import { receiveBody, statusBody, uniqueNumber } from "../support/webhooks";
import { baseUrl, postWebhook, pressSlashToSearch, screenshot, useBrowser } from "./harness";

describe("search page", () => {
  const ui = useBrowser();
  const tag = `zq${randomBytes(4).toString("hex")}`;
  const contact = uniqueNumber();
  const other = uniqueNumber();
  const handles: string[] = [];

  beforeAll(async () => {
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
    const bodies = [
      receiveBody({
        number: contact,
        content: `Is the parcel delivered to the café yet? ${tag}`,
        date_sent: minutesAgo(30),
      }),
      statusBody({
        number: contact,
        content: `Yes — delivered at 10:42, left by the door <b>not bold</b> ${tag}`,
        date_sent: minutesAgo(20),
        status: "DELIVERED",
      }),
      receiveBody({
        number: other,
        content: `Delivery window moved to Friday, sorry! ${tag}`,
        date_sent: minutesAgo(10),
        service: "SMS",
      }),
      receiveBody({ number: other, content: `Unrelated message about lunch ${tag}`, date_sent: minutesAgo(5) }),
    ];
    for (const body of bodies) {
      const res = await postWebhook(body.is_outbound ? "status" : "receive", body);
      expect(res.status).toBe(200);
      handles.push(body.message_handle);
    }
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`finds, highlights and groups matches (${colorScheme})`, async () => {
      const { context, page } = await ui.open({ colorScheme });
      await page.goto(`${baseUrl()}/search`);
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await pressSlashToSearch(page);
      await page.keyboard.type(`deliv* ${tag}`);
      await page.locator(`[data-handle="${handles[2]}"]`).waitFor();
      // The address follows the query through the router, which may land after the results.
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(`deliv* ${tag}`);

      const groups = page.locator("[data-conversation]");
      expect(await groups.count()).toBe(2);
      const marks = await page.locator("mark").allTextContents();
      expect(marks).toEqual(expect.arrayContaining(["Delivery", "delivered"]));
      expect(marks.filter((m) => m === tag)).toHaveLength(3);
      // Message text stays text: the <b> typed in a message is shown, not interpreted.
      expect(await page.locator(`[data-handle="${handles[1]}"]`).textContent()).toContain("<b>not bold</b>");
      expect(await page.locator("main b").count()).toBe(0);
      await screenshot(page, `search-${colorScheme}`);
      await context.close();
    });
  }

  it("filters with chips and opens the thread at the clicked message", async () => {
    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/search?${new URLSearchParams({ q: `deliv* ${tag}` })}`);
    await page.locator(`[data-handle="${handles[2]}"]`).waitFor();
    await page.getByLabel("Direction").selectOption("outbound");
    await page.locator(`[data-handle="${handles[2]}"]`).waitFor({ state: "detached" });
    expect(await page.locator("[data-handle]").count()).toBe(1);
    // The results follow the chip at once; the address catches up through the router.
    await page.waitForURL((url) => url.searchParams.get("direction") === "outbound");

    await page.locator(`[data-handle="${handles[1]}"]`).click();
    await page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("m") === handles[1]);
    expect(new URL(page.url()).searchParams.get("c")).toMatch(/^\d+$/);
    await context.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`shows results as you type in the inbox's search box, word forms and files included (${colorScheme})`, async () => {
      const own = `zq${randomBytes(4).toString("hex")}`;
      const file = `receipt-${own}.pdf`;
      const photo = receiveBody({ number: other, content: "", media_url: `https://storage.googleapis.com/b/${file}` });
      expect((await postWebhook("receive", photo)).status).toBe(200);
      const refunded = receiveBody({ number: contact, content: `The refunds were sent for the receipt ${own}` });
      expect((await postWebhook("receive", refunded)).status).toBe(200);

      const { context, page } = await ui.open({ colorScheme });
      await page.goto(`${baseUrl()}/`);
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await pressSlashToSearch(page);
      await page.keyboard.type(`receipt ${own}`);
      const panel = page.getByTestId("quick-search");
      const options = panel.getByRole("option");
      await expect.poll(() => options.count(), { timeout: 30_000 }).toBe(2);
      // The attachment shows as a PDF with its name, the matched words marked.
      expect(await panel.locator("[data-media-kind=pdf]").textContent()).toContain(file);
      await page.keyboard.press("Backspace");
      await page.keyboard.type(own.at(-1)!);
      await page.keyboard.press("Escape");
      await page.keyboard.press("ArrowDown");
      await panel.waitFor();
      await screenshot(page, `inbox-quick-search-${colorScheme}`);
      // "refund" finds "refunds"; Enter on a picked result opens its thread at the message.
      await page.getByRole("combobox", { name: "Search messages" }).fill(`refund ${own}`);
      await expect.poll(() => options.count(), { timeout: 30_000 }).toBe(1);
      expect(await panel.locator("mark").allTextContents()).toEqual(["refunds", own]);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await page.waitForURL((u) => u.pathname === "/" && u.searchParams.get("m") === refunded.message_handle);

      // The full page shows the file too; Enter with no pick opens it.
      await page.goto(`${baseUrl()}/search?${new URLSearchParams({ q: `receipt ${own}` })}`);
      await page.locator(`[data-handle="${photo.message_handle}"] [data-media-kind=pdf]`).waitFor();
      expect(await page.locator(`[data-handle="${photo.message_handle}"] mark`).allTextContents()).toEqual([
        "receipt",
        own,
      ]);
      await screenshot(page, `search-media-${colorScheme}`);
      await context.close();
    });
  }

  it("says on Lines that an upgrade is still finishing in the background", async () => {
    const name = `demo_${randomBytes(3).toString("hex")}`;
    await testDb()
      .$executeRaw`INSERT INTO background_tasks (name, description, kind, statement, upper_bound, position, state)
      VALUES (${name}, 'Search: English word forms and attachment names for the messages stored before this upgrade', 'batches', 'SELECT 1', 1000000, 420000, 'running')`;
    try {
      for (const colorScheme of ["light", "dark"] as const) {
        const { context, page } = await ui.open({ colorScheme });
        await page.goto(`${baseUrl()}/lines`);
        const panel = page.getByTestId("upgrade-tasks");
        expect(await panel.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("42");
        await screenshot(page, `lines-upgrade-${colorScheme}`);
        await context.close();
      }
    } finally {
      await testDb().$executeRaw`DELETE FROM background_tasks WHERE name = ${name}`;
    }
  });

  it("explains a query that is too short instead of searching", async () => {
    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/search?q=a`);
    await page.getByText("Type at least 2 letters").waitFor();
    await page.goto(`${baseUrl()}/search?q=-${tag}`);
    // (Next.js has its own role=alert route announcer, hence the scoping to main.)
    await page.locator("main [role=alert]", { hasText: "-word only excludes" }).waitFor();
    await context.close();
  });

  it("lists the matching conversations for a query of filters alone (label:, state:), light and dark", async () => {
    const label = `VIP ${tag}`;
    await createLabel(testDb(), { name: label, color: "purple" });
    // Two conversations of their own (the other tests here add messages to theirs).
    const newest: string[] = [];
    const ids: number[] = [];
    for (const [number, texts] of [
      [uniqueNumber(), ["Hello, I ordered the blue one", "Any news on my order?"]],
      [uniqueNumber(), ["Can I change my delivery address?"]],
    ] as const) {
      for (const content of texts) {
        const body = receiveBody({ number, content });
        expect((await postWebhook("receive", body)).status).toBe(200);
        newest[ids.length] = body.message_handle;
      }
      ids.push((await testDb().message.findUniqueOrThrow({ where: { handle: newest[ids.length]! } })).conversationId);
    }
    const [first, second] = ids as [number, number];
    for (const id of ids) await addConversationLabel(testDb(), null, id, { name: label });
    await changeConversation(testDb(), first, null, { state: "done" });

    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await ui.open({ colorScheme });
      await page.goto(`${baseUrl()}/search`);
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await pressSlashToSearch(page);
      await page.keyboard.type(`label:"${label}"`);
      // Each labelled conversation once, the most recently active first, with its newest message.
      const groups = page.locator("[data-conversation]");
      await expect
        .poll(() => groups.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-conversation")))))
        .toEqual([second, first]);
      expect(
        await page.locator("[data-handle]").evaluateAll((els) => els.map((e) => e.getAttribute("data-handle"))),
      ).toEqual([newest[1], newest[0]]);
      await screenshot(page, `search-filters-${colorScheme}`);

      await page.keyboard.type(" state:done");
      await expect
        .poll(() => groups.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-conversation")))))
        .toEqual([first]);
      await page.getByRole("searchbox", { name: "Search messages" }).fill(`label:"nothing ${tag}"`);
      await page.locator("main [role=alert]", { hasText: `label: no label called "nothing ${tag}"` }).waitFor();
      await context.close();
    }
  });
});
