import { afterAll, describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { screenshot, useBrowser } from "./harness";
import { conversationIdFor, openInbox, seedThread, solidPng, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Replying from the thread, through the local Sendblue stand-in (started by global-setup),
// which answers like Sendblue and posts status callbacks back to this server.

const ui = useBrowser();

afterAll(async () => {});

async function openThread(contact: string, text = "Can you confirm the booking?") {
  const line = uniqueLine();
  await seedThread(line, contact, [{ text }]);
  const id = await conversationIdFor(line);
  await openInbox(ui.page, `?c=${id}`);
  await ui.page.getByTestId("bubble").filter({ hasText: text }).waitFor();
  return id;
}

describe("replying from the inbox", () => {
  it("types and sends; the reply goes Sending → Sent → Delivered, once, even on a double submit", async () => {
    const id = await openThread(uniqueNumber());
    const composer = ui.page.getByTestId("composer");
    await composer.fill("Booked for 6pm.\nSee you then!");
    await composer.press("Enter");
    await composer.press("Enter");
    await ui.page
      .getByTestId("send-button")
      .click({ force: true })
      .catch(() => {});
    const bubble = ui.page.getByTestId("bubble").filter({ hasText: "Booked for 6pm." });
    await bubble.first().waitFor();
    const status = ui.page.getByTestId("message-status");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe("Delivered");
    expect(await bubble.count()).toBe(1);
    const stored = await testDb().message.findMany({ where: { conversationId: id, direction: "outbound" } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ content: "Booked for 6pm.\nSee you then!", status: "DELIVERED" });
    expect(stored[0]!.handle.startsWith("pending:")).toBe(false);
    expect(stored[0]!.sentByUserId).not.toBeNull();
    await screenshot(ui.page, "inbox-reply-light");
  });

  it("shows a refused send with Sendblue's reason and offers a retry", async () => {
    const id = await openThread(`+1555${Math.floor(Math.random() * 900 + 100)}0000`);
    const composer = ui.page.getByTestId("composer");
    await composer.fill("Hello?");
    await composer.press("Enter");
    const status = ui.page.getByTestId("message-status");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Failed: .*blacklisted/i);
    const retry = ui.page.getByTestId("retry-reply");
    await retry.click();
    await expect
      .poll(
        async () => (await testDb().messageStatusEvent.findMany({ where: { message: { conversationId: id } } })).length,
      )
      .toBeGreaterThanOrEqual(1);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Failed/);
  });

  it("attaches an image, sends it, and shows the preview", async () => {
    await openThread(uniqueNumber());
    await ui.page
      .locator('input[type="file"]')
      .setInputFiles({ name: "menu.png", mimeType: "image/png", buffer: solidPng(40, 30, [30, 140, 220]) });
    await ui.page.getByTestId("attachment-chip").filter({ hasText: "ready" }).waitFor();
    await ui.page.getByTestId("composer").fill("Here is the menu");
    await ui.page.getByTestId("send-button").click();
    await ui.page.getByTestId("bubble").filter({ hasText: "Here is the menu" }).waitFor();
    const image = ui.page.getByTestId("media-image").last();
    await image.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 })
      .toBe(40);
  });

  it("sends a tapback that appears on the target message", async () => {
    await openThread(uniqueNumber(), "Dinner at 7?");
    const target = ui.page.locator("[data-message-handle]").filter({ hasText: "Dinner at 7?" });
    await target.hover();
    await target.getByRole("button", { name: "React to this message" }).click();
    await ui.page.getByRole("menuitem", { name: "love" }).click();
    await target.getByTestId("reactions").waitFor({ timeout: 10_000 });
    expect(await target.getByTestId("reactions").getAttribute("aria-label")).toContain("love from you");
  });

  it("replies to a group through send-group-message with its group_id", async () => {
    const line = uniqueLine();
    const [a, b] = [uniqueNumber(), uniqueNumber()];
    const groupId = `grp-${Date.now()}`;
    await seedThread(line, a, [{ text: "Who's bringing the cake?", sender: a }], {
      id: groupId,
      name: "Party planning",
      members: [a, b],
    });
    const id = await conversationIdFor(line);
    await openInbox(ui.page, `?c=${id}`);
    await ui.page.getByTestId("composer").fill("I will!");
    await ui.page.getByTestId("composer").press("Enter");
    await expect.poll(() => ui.page.getByTestId("message-status").textContent(), { timeout: 15_000 }).toBe("Delivered");
    const reply = await testDb().message.findFirstOrThrow({ where: { conversationId: id, direction: "outbound" } });
    // Delivered proves the group path: the stand-in refuses a send with neither number nor group_id.
    expect(reply).toMatchObject({ content: "I will!", status: "DELIVERED" });
  });
});
