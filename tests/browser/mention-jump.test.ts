import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createNote } from "@/lib/notes/create-note";
import { testDb } from "../support/db";
import { seriousViolations } from "./axe";
import { baseUrl, screenshot, testMember, useBrowser } from "./harness";
import { conversationIdFor, seedThread, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// An @mention's link opens the conversation at its note, even when the note is far back in
// a long thread (outside the latest page), and rings the note for a moment.

const ui = useBrowser();
const tag = `zq${randomBytes(3).toString("hex")}`;
const MESSAGES = 120;
let conversationId: number;
let noteId: number;

beforeAll(async () => {
  const line = uniqueLine();
  const start = Date.now() - 4 * 60 * 60_000;
  await seedThread(
    line,
    uniqueNumber(),
    Array.from({ length: MESSAGES }, (_, i) => ({
      text: `Message ${i} ${tag}`,
      out: i % 3 === 0,
      at: new Date(start + i * 60_000),
    })),
  );
  conversationId = await conversationIdFor(line);
  const grace = await createUser(testDb(), {
    email: `grace-${tag}@inbox.test`,
    password: "correct horse battery staple",
    name: `Grace ${tag}`,
  });
  const me = await testMember();
  const note = await createNote(
    testDb(),
    { ...grace, role: "member" },
    {
      conversationId,
      body: `@Test Member can you check the refund asked for here? ${tag}`,
      mentions: [me.id],
    },
  );
  noteId = note.id;
  // Written beside message 40: 79 messages later, far outside the thread's latest page.
  await testDb().conversationNote.update({
    where: { id: noteId },
    data: { createdAt: new Date(start + 40.5 * 60_000) },
  });
}, 120_000);

/** The note card is drawn inside the thread's scroller, within its visible part. */
async function noteInView(page: Page): Promise<boolean> {
  const card = await page.locator(`#internal-note-${noteId}`).boundingBox();
  const scroller = await page.getByTestId("thread-scroller").boundingBox();
  return !!card && !!scroller && card.y >= scroller.y && card.y + card.height <= scroller.y + scroller.height;
}

describe("@mention link", () => {
  it("opens the thread scrolled to the note, ringed for a moment", async () => {
    const page = ui.page;
    await page.goto(`${baseUrl()}/mentions`);
    const link = page.getByTestId("mention-list").getByRole("link").filter({ hasText: tag });
    await link.click();
    await page.waitForURL(
      (u) => u.searchParams.get("c") === String(conversationId) && u.searchParams.get("note") === String(noteId),
    );

    const note = page.locator(`#internal-note-${noteId} article`);
    await note.waitFor();
    expect(await note.getAttribute("data-highlighted")).toBe("true");
    await expect.poll(() => noteInView(page)).toBe(true);
    // Messages either side of it are there: the thread opened around the note, not at the end.
    const thread = page.getByTestId("thread-scroller");
    await thread.getByText(`Message 40 ${tag}`).waitFor();
    expect(await thread.getByText(`Message ${MESSAGES - 1} ${tag}`).count()).toBe(0);
    await screenshot(page, "mention-jump-light");
    expect(await seriousViolations(page)).toEqual([]);
    // Brief: the ring goes by itself.
    await expect.poll(() => note.getAttribute("data-highlighted"), { timeout: 8000 }).toBeNull();
    expect(await noteInView(page)).toBe(true);
  });

  it("works from a pasted link too, in dark", async () => {
    const { page, context } = await ui.open({ colorScheme: "dark" });
    await page.goto(`${baseUrl()}/?c=${conversationId}&note=${noteId}`);
    const note = page.locator(`#internal-note-${noteId} article`);
    await note.waitFor();
    expect(await note.getAttribute("data-highlighted")).toBe("true");
    await expect.poll(() => noteInView(page)).toBe(true);
    await screenshot(page, "mention-jump-dark");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("opens at the newest messages when the note is gone, not at an error", async () => {
    const { page, context } = await ui.open();
    await page.goto(`${baseUrl()}/?c=${conversationId}&note=2147483000`);
    const thread = page.getByTestId("thread-scroller");
    await thread.getByText(`Message ${MESSAGES - 1} ${tag}`).waitFor();
    expect(await page.getByText("Could not load this conversation").count()).toBe(0);
    await context.close();
  });
});
