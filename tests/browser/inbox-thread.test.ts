import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowser } from "./harness";
import { conversationIdFor, openInbox, seedThread, uniqueLine, uniqueNumber, type Msg } from "./inbox-fixtures";

// Long threads: paging older on scroll without the view jumping, and jump-to-message.

const ui = useBrowser();
let id: number;
let handles: string[];

beforeAll(async () => {
  const line = uniqueLine();
  const start = Date.now() - 130 * 60_000;
  const messages: Msg[] = Array.from({ length: 130 }, (_, i) => ({
    text: `Message number ${i}`,
    out: i % 3 === 0,
    at: new Date(start + i * 60_000),
  }));
  handles = await seedThread(line, uniqueNumber(), messages);
  id = await conversationIdFor(line);
});

const inThread = (p: Page, text: string) => p.getByTestId("thread-scroller").getByText(text, { exact: true });

const bubbleTop = (p: Page, n: number) =>
  p.locator(`[data-message-handle="${handles[n]}"]`).evaluate((el) => el.getBoundingClientRect().top);

describe("thread paging", () => {
  it("loads older messages on scroll up and keeps the view still", async () => {
    await openInbox(ui.page, `?c=${id}`);
    await inThread(ui.page, "Message number 129").waitFor();
    expect(await inThread(ui.page, "Message number 79").count()).toBe(0);
    const scroller = ui.page.getByTestId("thread-scroller");
    // One move from the bottom to near the top, which asks for the older page. (Scrolling
    // message 80 into view first could itself load that page, before this move; the move then
    // undid the shift that had kept the view still, and the test read 150.)
    await scroller.evaluate((el) => (el.scrollTop = 150));
    await inThread(ui.page, "Message number 79").waitFor({ timeout: 5000 });
    const before = await scroller.evaluate((el) => el.scrollTop);
    expect(before).toBeGreaterThan(1000); // moved down by the height of the prepended page
    const top80 = await bubbleTop(ui.page, 80);
    await ui.page.waitForTimeout(300);
    expect(Math.abs((await bubbleTop(ui.page, 80)) - top80)).toBeLessThan(2);
    // Keep scrolling to the very beginning.
    for (let i = 0; i < 5 && (await ui.page.getByText("Beginning of the conversation").count()) === 0; i++) {
      await scroller.evaluate((el) => (el.scrollTop = 0));
      await ui.page.waitForTimeout(400);
    }
    await inThread(ui.page, "Message number 0").waitFor();
  });

  it("opens ?c=&m= scrolled to the message, highlighted, with context around it", async () => {
    await openInbox(ui.page, `?c=${id}&m=${encodeURIComponent(handles[40]!)}`);
    const target = ui.page.locator(`[data-message-handle="${handles[40]}"]`);
    await target.waitFor();
    expect(await target.getAttribute("data-highlighted")).toBe("true");
    await inThread(ui.page, "Message number 39").waitFor();
    await inThread(ui.page, "Message number 41").waitFor();
    const box = await target.boundingBox();
    const view = ui.page.viewportSize()!;
    expect(box!.y).toBeGreaterThan(0);
    expect(box!.y + box!.height).toBeLessThan(view.height);
    // Scrolling down pages newer messages in until the live end.
    const scroller = ui.page.getByTestId("thread-scroller");
    for (let i = 0; i < 8 && (await inThread(ui.page, "Message number 129").count()) === 0; i++) {
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await ui.page.waitForTimeout(400);
    }
    await inThread(ui.page, "Message number 129").waitFor();
  });
});
