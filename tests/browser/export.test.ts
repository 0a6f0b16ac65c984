import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Download, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createNote } from "@/lib/notes/create-note";
import { testDb } from "../support/db";
import { baseUrl, screenshot, testMember, useBrowser } from "./harness";
import { conversationIdFor, openInbox, seedThread, uniqueLine, uniqueNumber, type Msg } from "./inbox-fixtures";

// Exporting from the thread header (keyboard only), the search page and the contacts page:
// each download holds what the page shows, and the transcript is inert, readable and
// looks right in light and dark.

const ui = useBrowser();
const tag = `exp${Math.random().toString(36).slice(2, 8)}`;
const HOSTILE = `<script>window.__pwned = "script"</script><img src=x onerror="window.__pwned='img'"> ${tag}`;
let id: number;
let contact: string;

beforeAll(async () => {
  const line = uniqueLine();
  contact = uniqueNumber();
  const start = Date.now() - 3 * 3600_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000);
  const messages: Msg[] = [
    { text: `Hi! Is the blue bike still for sale? ${tag}`, at: at(0) },
    { text: "It is — $240, pick-up in Austin.", out: true, at: at(2) },
    { text: "Could you do $200?\nCash, today.", at: at(5) },
    { text: HOSTILE, at: at(6) },
    { text: `$220 and it's yours, "as is". ${tag}`, out: true, at: at(9), status: "DELIVERED" },
    { text: "Deal. See you at 5", at: at(12) },
  ];
  await seedThread(line, contact, messages);
  id = await conversationIdFor(line);
  await testDb().contact.upsert({
    where: { number: contact },
    create: { number: contact, firstName: "Rosa", lastName: "Parks" },
    update: { firstName: "Rosa", lastName: "Parks" },
  });
  const author = { ...(await testMember()), name: "Test Member", role: "owner" as const };
  const note = await createNote(testDb(), author, {
    conversationId: id,
    body: "Seller verified by phone — OK to meet.",
    mentions: [],
  });
  await testDb().conversationNote.update({ where: { id: note.id }, data: { createdAt: at(10) } });
});

/** Saved under the name the server gave it, as a browser saves it (the extension decides how a file:// opens). */
async function download(page: Page, action: () => Promise<void>): Promise<{ file: string; name: string }> {
  const [d] = (await Promise.all([page.waitForEvent("download"), action()])) as [Download, unknown];
  const name = d.suggestedFilename();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "export-")), name);
  await d.saveAs(file);
  return { file, name };
}

describe("export", () => {
  it("exports the open thread from the header's Export menu, by keyboard, as a transcript holding what the thread shows", async () => {
    const { context, page } = await ui.open();
    await openInbox(page, `?c=${id}`);
    const bubbles = page.getByTestId("thread-scroller").getByTestId("bubble");
    await bubbles.filter({ hasText: "Deal. See you at 5" }).waitFor();
    const shown = await bubbles.allTextContents();
    expect(shown).toHaveLength(6);

    const exportButton = page.getByRole("button", { name: "Export" });
    await exportButton.focus();
    await page.keyboard.press("Enter");
    const transcriptLink = page.getByRole("link", { name: /Transcript \(HTML\)/ });
    const jsonLink = page.getByRole("link", { name: /Data \(JSON\)/ });
    await expect.poll(() => transcriptLink.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => jsonLink.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowUp");
    await screenshot(page, "export-menu-light");
    const html = await download(page, () => page.keyboard.press("Enter"));
    expect(html.name).toMatch(/^rosa-parks-transcript-\d{4}-\d{2}-\d{2}\.html$/);
    // The menu closed and gave focus back to its button.
    await expect.poll(() => exportButton.evaluate((el) => el === document.activeElement)).toBe(true);

    // The transcript, opened as a file: the thread's texts, in its order, and the note marked internal.
    const reader = await ui.open({ signedIn: false });
    const errors: string[] = [];
    reader.page.on("pageerror", (e) => errors.push(e.message));
    await reader.page.goto(pathToFileURL(html.file).href);
    expect(await reader.page.title()).toBe("Rosa Parks · Conversation transcript");
    expect(await reader.page.locator("article.msg .text").allTextContents()).toEqual(shown);
    expect(await reader.page.locator("aside.note").textContent()).toMatch(
      /^Internal note.*Seller verified by phone — OK to meet\.$/,
    );
    // Times in the browser's zone (the harness's America/Chicago).
    expect(await reader.page.locator(".facts").textContent()).toContain("America/Chicago");
    expect(await reader.page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await reader.page.locator("script, img").count()).toBe(0);
    expect(errors).toEqual([]);
    await screenshot(reader.page, "export-transcript-light");
    const dark = await ui.open({ colorScheme: "dark", signedIn: false });
    await dark.page.goto(pathToFileURL(html.file).href);
    await screenshot(dark.page, "export-transcript-dark");
    // Printed, even from a dark screen: black on white, a message never split across pages.
    await dark.page.emulateMedia({ media: "print" });
    const printed = await dark.page.evaluate(() => ({
      background: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.body).color,
      message: getComputedStyle(document.querySelector("article.msg")!).breakInside,
      day: getComputedStyle(document.querySelector("h2.day")!).breakAfter,
    }));
    expect(printed).toEqual({ background: "rgb(255, 255, 255)", text: "rgb(0, 0, 0)", message: "avoid", day: "avoid" });

    // The JSON download: the same messages, as the messages API gives them.
    await exportButton.click();
    const json = await download(page, () => jsonLink.click());
    const body = JSON.parse(readFileSync(json.file, "utf8"));
    expect(body.messages.map((m: { content: string }) => m.content)).toEqual(shown);
    expect(body.events.map((e: { type: string }) => e.type)).toContain("note");
    await Promise.all([context.close(), reader.context.close(), dark.context.close()]);
  });

  it("shows the Export menu in dark mode", async () => {
    const { context, page } = await ui.open({ colorScheme: "dark" });
    await openInbox(page, `?c=${id}`);
    await page.getByTestId("bubble").filter({ hasText: "Deal. See you at 5" }).waitFor();
    await page.getByRole("button", { name: "Export" }).click();
    await page.getByTestId("export-menu").waitFor();
    await screenshot(page, "export-menu-dark");
    await context.close();
  });

  it("exports search results and contacts as CSV from their pages", async () => {
    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/search?q=${tag}`);
    await page.locator("[data-handle]").first().waitFor();
    const csv = await download(page, () => page.getByRole("link", { name: "Export CSV" }).click());
    expect(csv.name).toMatch(new RegExp(`^search-${tag}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const text = readFileSync(csv.file, "utf8");
    expect(text.startsWith("\uFEFFTime (America/Chicago),")).toBe(true);
    expect(text).toContain(`"$220 and it's yours, ""as is"". ${tag}"`);
    expect(text).toContain(`Hi! Is the blue bike still for sale? ${tag}`);
    expect(text.trimEnd().split("\r\n")).toHaveLength(4); // the header and the three matches (the hostile one too)

    await page.goto(`${baseUrl()}/contacts?q=${encodeURIComponent("Rosa Parks")}`);
    await page
      .getByText(/Rosa Parks/)
      .first()
      .waitFor();
    const contacts = await download(page, () => page.getByRole("link", { name: "Export CSV" }).click());
    const rows = readFileSync(contacts.file, "utf8").trimEnd().split("\r\n");
    expect(rows[0]).toMatch(/^\uFEFFName,Company,Number,/);
    expect(rows.some((r) => r.startsWith(`Rosa Parks,,'${contact},`))).toBe(true);
    await context.close();
  });
});
