import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useBrowser } from "./harness";
import {
  conversationIdFor,
  openInbox,
  seedThread,
  solidPng,
  startMediaHost,
  uniqueLine,
  uniqueNumber,
} from "./inbox-fixtures";

// Attachment previews from a local media host: image + lightbox, contact card, file
// chip, and the fallback for a link that no longer works.

const ui = useBrowser();
let host: Awaited<ReturnType<typeof startMediaHost>>;

const VCARD = [
  "BEGIN:VCARD",
  "VERSION:3.0",
  "N:Rivera;Maya;;;",
  "FN:Maya Rivera",
  "ORG:Northwind Dental;",
  "TEL;type=CELL;type=VOICE;type=pref:+1 (512) 555-0148",
  "TEL;type=WORK:+1 512 555 0199",
  "EMAIL;type=INTERNET;type=WORK:maya@northwind.example",
  "END:VCARD",
  "",
].join("\r\n");

beforeAll(async () => {
  host = await startMediaHost({
    "/att/photo.png": { type: "image/png", body: solidPng(320, 200, [52, 120, 246]) },
    "/att/Maya%20Rivera.vcf": { type: "text/vcard", body: VCARD },
    "/att/invoice.pdf": { type: "application/pdf", body: "%PDF-1.4\n%%EOF\n" },
  });
});

afterAll(async () => {
  await host?.close();
});

describe("inbox media previews", () => {
  it("renders an image inline and opens it in a lightbox", async () => {
    const line = uniqueLine();
    await seedThread(line, uniqueNumber(), [{ text: "Here's the photo", media: host.url("/att/photo.png") }]);
    await openInbox(ui.page, `?c=${await conversationIdFor(line)}`);
    const img = ui.page.getByTestId("media-image");
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 5000 }).toBe(320);
    await img.click();
    await ui.page.getByRole("dialog", { name: "Photo" }).waitFor();
    await ui.page.keyboard.press("Escape");
    await ui.page.getByRole("dialog").waitFor({ state: "detached" });
    // Esc closed only the lightbox, not the thread.
    expect(new URL(ui.page.url()).searchParams.get("c")).not.toBeNull();
  });

  it("renders a .vcf as a contact card with name, numbers and emails", async () => {
    const line = uniqueLine();
    await seedThread(line, uniqueNumber(), [{ media: host.url("/att/Maya%20Rivera.vcf") }]);
    await openInbox(ui.page, `?c=${await conversationIdFor(line)}`);
    const card = ui.page.getByTestId("vcard");
    await card.getByText("Maya Rivera").waitFor({ timeout: 5000 });
    const text = await card.textContent();
    expect(text).toContain("Northwind Dental");
    expect(text).toContain("+1 (512) 555-0148");
    expect(text).toContain("+1 512 555 0199");
    expect(text).toContain("maya@northwind.example");
  });

  it("shows a PDF as a named chip, and a dead link whose copy is not saved yet as not ready", async () => {
    const line = uniqueLine();
    await seedThread(line, uniqueNumber(), [
      { media: host.url("/att/invoice.pdf") },
      { text: "and the old one", media: host.url("/att/gone.png") },
    ]);
    await openInbox(ui.page, `?c=${await conversationIdFor(line)}`);
    const chip = ui.page.getByTestId("file-chip");
    await chip.getByText("invoice.pdf").waitFor();
    expect(await chip.getAttribute("href")).toBe(host.url("/att/invoice.pdf"));
    // The copy is still pending (the tests' server copies nothing by itself), so the preview
    // says so rather than blaming an expired link.
    await ui.page
      .getByTestId("media-unavailable")
      .getByText("Preview not ready — still saving a copy")
      .waitFor({ timeout: 5000 });
    expect(await ui.page.locator("img[data-testid=media-image]").count()).toBe(0);
  });

  it("renders message text as text and links only http(s)", async () => {
    const line = uniqueLine();
    await seedThread(line, uniqueNumber(), [
      { text: "<b>not bold</b> see https://example.com/track?id=1, or javascript:alert(1)" },
    ]);
    await openInbox(ui.page, `?c=${await conversationIdFor(line)}`);
    const bubble = ui.page.getByTestId("bubble").filter({ hasText: "not bold" });
    await bubble.waitFor();
    expect(await bubble.locator("b").count()).toBe(0);
    expect(await bubble.textContent()).toContain("<b>not bold</b>");
    const links = await bubble.locator("a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual(["https://example.com/track?id=1"]);
  });
});
