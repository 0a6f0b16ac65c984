import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetMediaStorage } from "@/lib/media/storage";
import { runMediaBatch } from "@/lib/media/worker";
import { testDb } from "../support/db";
import { receiveBody } from "../support/webhooks";
import { screenshot, useBrowser } from "./harness";
import {
  conversationIdFor,
  getConversation,
  openInbox,
  post,
  seedThread,
  solidPng,
  startMediaHost,
  uniqueLine,
  uniqueNumber,
  type Msg,
} from "./inbox-fixtures";

// Threads open at the newest message even while photos load, say when more arrive while
// the agent reads further up, mark read only what was seen, and a message ends typing.

const ui = useBrowser();
let host: Awaited<ReturnType<typeof startMediaHost>>;
const db = testDb();

const SIZES: [number, number][] = [
  [640, 480],
  [300, 600],
  [800, 300],
  [400, 400],
  [360, 640],
  [1000, 700],
];

beforeAll(async () => {
  // Mirroring happens in this process (the test server runs with MEDIA_WORKER=off).
  process.env.MEDIA_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
  resetEnvCache();
  resetMediaStorage();
  const files: Record<string, { type: string; body: Buffer }> = {};
  for (const [i, [w, h]] of SIZES.entries())
    files[`/n/photo-${i}.png`] = { type: "image/png", body: solidPng(w, h, [40 * i, 120, 200 - 20 * i]) };
  host = await startMediaHost(files);
});

afterAll(async () => {
  await host?.close();
});

// Vitest polls for 1 s by default; a busy CI machine needs longer.
const POLL = { timeout: 20_000 };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** A thread of text with a photo every few messages; `mirror` keeps copies (so sizes are known). */
async function photoThread(mirror: boolean): Promise<number> {
  const line = uniqueLine();
  const msgs: Msg[] = [];
  for (let i = 0; i < 30; i++) {
    msgs.push({ text: `Photo thread line ${i}`, out: i % 4 === 1, at: minutesAgo(60 - i * 2) });
    if (i % 5 === 2) msgs.push({ media: host.url(`/n/photo-${(i / 5) | 0}.png`), at: minutesAgo(59 - i * 2) });
  }
  msgs.push({ media: host.url("/n/photo-5.png"), at: minutesAgo(1) });
  msgs.push({ text: "The newest message", at: minutesAgo(0.5) });
  await seedThread(line, uniqueNumber(), msgs);
  const id = await conversationIdFor(line);
  if (mirror) {
    const ids = (
      await db.mediaAttachment.findMany({ where: { message: { conversationId: id } }, select: { id: true } })
    ).map((a) => a.id);
    expect(await runMediaBatch(db, { ids })).toMatchObject({ kept: ids.length });
  }
  return id;
}

/** Image responses held back for a while, each a different time, as on a slow phone network. */
async function slowImages(context: BrowserContext) {
  let n = 0;
  await context.route(/\/(api\/media\/\d+|n\/photo-\d)/, async (route) => {
    const delay = 150 + ((n++ * 233) % 1200);
    await new Promise((r) => setTimeout(r, delay));
    await route.continue().catch(() => {});
  });
}

const inThread = (page: Page, text: string) => page.getByTestId("thread-scroller").getByText(text, { exact: true });

const distanceFromBottom = (page: Page) =>
  page.getByTestId("thread-scroller").evaluate((el) => Math.round(el.scrollHeight - el.scrollTop - el.clientHeight));

/** Waits for the photos near the view (lazy ones far above it never load) to arrive. */
async function allImagesLoaded(page: Page) {
  await expect
    .poll(
      () =>
        page
          .getByTestId("media-image")
          .evaluateAll((els) =>
            els
              .filter((e) => e.getBoundingClientRect().bottom > -1000)
              .every((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0),
          ),
      { timeout: 15_000 },
    )
    .toBe(true);
  await page.waitForTimeout(300);
}

/** Fresh loads of `/?c=<id>` with slow photos, each checked once the photos near the view are in. */
async function freshLoads(
  id: number,
  viewport: { width: number; height: number },
  check: (page: Page, load: number) => Promise<void>,
) {
  const { context } = await ui.open({ viewport });
  await slowImages(context);
  for (let load = 0; load < 3; load++) {
    const page = await context.newPage();
    await openInbox(page, `?c=${id}`);
    await inThread(page, "The newest message").waitFor();
    await check(page, load);
    await page.close();
  }
  await context.close();
}

describe("threads open at the newest message", () => {
  for (const [label, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", { width: 1440, height: 900 }],
  ] as const) {
    it(`reserves each kept photo's size and ends at the bottom (${label})`, async () => {
      await freshLoads(await photoThread(true), viewport, async (page, load) => {
        const images = page.getByTestId("media-image");
        // One photo of each size, and the last one again just before the newest message.
        await expect.poll(() => images.count(), POLL).toBe(SIZES.length + 1);
        // Before any photo has arrived, each box already has its final size.
        const reserved = await images.evaluateAll((els) =>
          els.map((e) => Math.round(e.getBoundingClientRect().height)),
        );
        expect(reserved.every((h) => h > 40)).toBe(true);
        await allImagesLoaded(page);
        const loaded = await images.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
        expect(loaded).toEqual(reserved);
        if (load === 0) await screenshot(page, `inbox-photos-newest-${label}-light`);
        expect(await distanceFromBottom(page)).toBeLessThanOrEqual(2);
      });
    }, 240_000);

    it(`stays at the bottom while photos of unknown size load (${label})`, async () => {
      await freshLoads(await photoThread(false), viewport, async (page) => {
        await allImagesLoaded(page);
        expect(await distanceFromBottom(page)).toBeLessThanOrEqual(2);
      });
    }, 240_000);
  }
});

describe("new messages while reading further up", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`shows "↓ 3 new", leaves them unread until seen (${scheme})`, async () => {
      const line = uniqueLine();
      const contact = uniqueNumber();
      await seedThread(
        line,
        contact,
        Array.from({ length: 40 }, (_, i) => ({
          text: `Earlier message ${i}`,
          out: i % 3 === 0,
          at: minutesAgo(80 - i),
        })),
      );
      const id = await conversationIdFor(line);
      const { context } = await ui.open({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await openInbox(page, `?c=${id}`);
      await inThread(page, "Earlier message 39").waitFor();
      await expect.poll(async () => (await getConversation(id)).unreadCount, POLL).toBe(0);
      const scroller = page.getByTestId("thread-scroller");
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 700));
      await page.waitForTimeout(200);
      for (let i = 1; i <= 3; i++)
        await post(
          "receive",
          receiveBody({ number: contact, sendblue_number: line, content: `Arrived while reading ${i}` }),
        );
      const pill = page.getByRole("button", { name: /3 new messages/ });
      await pill.waitFor({ timeout: 15_000 });
      expect(await pill.textContent()).toContain("3 new");
      // Drawn as a pill over the thread, inside it.
      const box = (await pill.boundingBox())!;
      const view = (await page.getByTestId("thread-scroller").boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(28);
      expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height);
      // Not seen, so not read: the API and the row both say 3.
      await page.waitForTimeout(500);
      expect((await getConversation(id)).unreadCount).toBe(3);
      await expect
        .poll(() => page.locator(`[data-conversation-id="${id}"] [aria-label="3 unread"]`).count(), POLL)
        .toBe(1);
      expect(await distanceFromBottom(page)).toBeGreaterThan(500);
      await screenshot(page, `inbox-new-messages-pill-${scheme}`);
      await pill.click();
      await expect.poll(() => distanceFromBottom(page), POLL).toBeLessThanOrEqual(2);
      await pill.waitFor({ state: "detached" });
      await expect.poll(async () => (await getConversation(id)).unreadCount, POLL).toBe(0);
      await expect
        .poll(() => page.locator(`[data-conversation-id="${id}"] [aria-label$="unread"]`).count(), POLL)
        .toBe(0);
      await context.close();
    }, 240_000);
  }

  it("marks read when the agent scrolls down to them", async () => {
    const line = uniqueLine();
    const contact = uniqueNumber();
    await seedThread(
      line,
      contact,
      Array.from({ length: 40 }, (_, i) => ({ text: `Scroll message ${i}`, at: minutesAgo(80 - i) })),
    );
    const id = await conversationIdFor(line);
    const page = (await ui.open({ viewport: { width: 390, height: 844 } })).page;
    await openInbox(page, `?c=${id}`);
    await inThread(page, "Scroll message 39").waitFor();
    const scroller = page.getByTestId("thread-scroller");
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 700));
    await page.waitForTimeout(200);
    await post("receive", receiveBody({ number: contact, sendblue_number: line, content: "One more thing" }));
    await page.getByRole("button", { name: /1 new message/ }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(400);
    expect((await getConversation(id)).unreadCount).toBe(1);
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await getConversation(id)).unreadCount, POLL).toBe(0);
    await page.context().close();
  }, 240_000);
});

describe("the open conversation's row", () => {
  it("has no unread badge after a deep link, even when the list was read before the thread was marked", async () => {
    const line = uniqueLine();
    const contact = uniqueNumber();
    const handles = await seedThread(line, contact, [
      { text: "First unread" },
      { text: "Second unread" },
      { text: "Third unread" },
    ]);
    const id = await conversationIdFor(line);
    expect((await getConversation(id)).unreadCount).toBe(3);
    const { context } = await ui.open({ viewport: { width: 1440, height: 900 } });
    // The list is answered as it was before the thread marked itself read, and arrives late.
    await context.route(/\/api\/conversations\?/, async (route) => {
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 1200));
      await route.fulfill({ response });
    });
    for (const query of [`?c=${id}`, `?c=${id}&m=${encodeURIComponent(handles[2]!)}`]) {
      const page = await context.newPage();
      await openInbox(page, query);
      await page.locator(`[data-conversation-id="${id}"]`).waitFor({ timeout: 10_000 });
      await expect.poll(async () => (await getConversation(id)).unreadCount, POLL).toBe(0);
      await page.waitForTimeout(800);
      await expect
        .poll(() => page.locator(`[data-conversation-id="${id}"] [aria-label$="unread"]`).count(), POLL)
        .toBe(0);
      await page.close();
      await post("receive", receiveBody({ number: contact, sendblue_number: line, content: "Unread again" }));
      await expect.poll(async () => (await getConversation(id)).unreadCount, POLL).toBe(1);
    }
    await context.close();
  }, 240_000);
});

describe("typing", () => {
  it("a message from the contact ends their typing, in the thread and in the row", async () => {
    const line = uniqueLine();
    const contact = uniqueNumber();
    await seedThread(line, contact, [{ text: "Let me check my calendar" }]);
    const id = await conversationIdFor(line);
    const page = (await ui.open({ viewport: { width: 1440, height: 900 } })).page;
    await openInbox(page, `?c=${id}`);
    await post("typing_indicator", {
      number: contact,
      from_number: line,
      sendblue_number: line,
      is_typing: true,
      timestamp: new Date().toISOString(),
    });
    await page.getByTestId("typing-bubble").waitFor({ timeout: 15_000 });
    const rowTyping = page.locator(`[data-conversation-id="${id}"] [data-testid="row-typing"]`);
    await rowTyping.waitFor({ timeout: 15_000 });
    await post("receive", receiveBody({ number: contact, sendblue_number: line, content: "Tuesday works" }));
    await inThread(page, "Tuesday works").waitFor();
    await page.getByTestId("typing-bubble").waitFor({ state: "detached", timeout: 15_000 });
    // …and does not come back when the row is refetched.
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(200);
      expect(await rowTyping.count()).toBe(0);
      expect(await page.getByTestId("typing-bubble").count()).toBe(0);
    }
    expect((await getConversation(id)).typing).toBe(false);
    await page.context().close();
  }, 240_000);
});
