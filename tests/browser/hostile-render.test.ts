import { describe, expect, it } from "vitest";
import { baseUrl, postWebhook, useBrowser } from "./harness";
import { conversationIdFor, openInbox, seedThread, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Message text is hostile input: it must render inert and legible, in the thread, the
// conversation list and search results.

const ui = useBrowser();

const HOSTILE = [
  `<script>window.__pwned = "script"</script>`,
  `<img src=x onerror="window.__pwned='img'">`,
  `<a href="javascript:window.__pwned='link'">click me</a> javascript:window.__pwned='bare'`,
  `Jav\u200bascript:alert(1) and \u202Egnp.exe\u202C with zero\u200Bwidth`,
  `<svg onload="window.__pwned='svg'"></svg> <iframe src="javascript:parent.__pwned='frame'"></iframe>`,
];

describe("hostile message text", () => {
  it("renders as inert, legible text with no script, no javascript: link and no injected element", async () => {
    const { context, page } = await ui.open();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const line = uniqueLine();
    const tag = `hostile${Date.now()}`;
    await seedThread(
      line,
      uniqueNumber(),
      HOSTILE.map((text) => ({ text: `${tag} ${text}` })),
    );
    const id = await conversationIdFor(line);
    await openInbox(page, `?c=${id}`);
    for (const text of HOSTILE)
      await page
        .getByTestId("bubble")
        .filter({ hasText: text.slice(0, 12) })
        .first()
        .waitFor();

    const thread = page.getByTestId("thread-scroller");
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await thread.locator("script, img[src='x'], svg[onload], iframe").count()).toBe(0);
    const hrefs = await page
      .locator("a")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
    // Legible: the markup shows as the characters that were sent.
    expect(await thread.textContent()).toContain(`<script>window.__pwned = "script"</script>`);

    await page.goto(`${page.url().split("?")[0]!.replace(/\/$/, "")}/search?q=${tag}`);
    await page.locator("[data-conversation]").first().waitFor();
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator("main script, main img[src='x'], main iframe").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the webhook log with a 5,000-level deep body in it", async () => {
    const res = await postWebhook("receive", "[".repeat(5000) + "]".repeat(5000));
    expect(res.status).toBe(422);
    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/events?outcome=invalid`);
    await page.getByRole("heading", { name: "Webhook log" }).waitFor();
    await page.locator("[data-event-id]").first().click();
    await page.getByTestId("event-body").waitFor();
    await context.close();
  });
});
