import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { formatPhone } from "@/lib/format/phone-number";
import { testDb } from "../support/db";
import { postWebhook, screenshot, testMember, useBrowser } from "./harness";
import { conversationIdFor, openInbox, seedThread, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Issue 18 "Context and time": formatted numbers, who sent an outgoing message, time headers
// after a quiet spell, and no account-level "Line … was assigned" rows in a customer's thread.

const ui = useBrowser();
const HOUR = 3600_000;

describe("inbox context and time", () => {
  it("formats numbers, shows company and tags, a time header after a gap and the time in each message's name", async () => {
    const line = uniqueLine();
    const contact = uniqueNumber();
    await postWebhook("line_assigned", {
      sendblue_number: line,
      timestamp: new Date(Date.now() - 5 * HOUR).toISOString(),
    });
    const start = Date.now() - 4 * HOUR;
    await seedThread(line, contact, [
      { text: "Morning, is the order in?", at: new Date(start) },
      { text: "Checking now", out: true, at: new Date(start + 60_000) },
      { text: "Any news?", at: new Date(start + 2 * HOUR) }, // 2 h later: a time header
    ]);
    const id = await conversationIdFor(line);
    await testDb().contact.update({
      where: { number: contact },
      data: { firstName: "Dana", lastName: "Okafor", companyName: "Okafor Bakery", tags: ["wholesale", "vip"] },
    });
    await openInbox(ui.page, `?c=${id}`);
    await ui.page.getByTestId("bubble").filter({ hasText: "Any news?" }).waitFor();
    const subtitle = await ui.page.getByTestId("thread-subtitle").textContent();
    expect(subtitle).toBe(`${formatPhone(contact)} · Okafor Bakery · via ${formatPhone(line)}`);
    expect(subtitle).not.toContain(line);
    expect(await ui.page.getByTestId("thread-tags").getByRole("listitem").allTextContents()).toEqual([
      "wholesale",
      "vip",
    ]);
    // One header for the day (with its first time) and one after the two-hour gap.
    expect(await ui.page.getByRole("separator").count()).toBe(2);
    // The message's accessible name carries when it was sent.
    const named = ui.page.getByRole("group", { name: /^Received, .*\d{4}, \d{1,2}:\d{2}/ });
    expect(await named.count()).toBe(2);
    expect(await ui.page.getByTestId("line-event").count()).toBe(0);
    // The open thread marks itself read: shot once its row has caught up.
    await ui.page.locator(`[data-conversation-id="${id}"] [aria-label$="unread"]`).waitFor({ state: "detached" });
    await screenshot(ui.page, "thread-context-light");
    const { context, page } = await ui.open({ colorScheme: "dark" });
    await openInbox(page, `?c=${id}`);
    await page.getByTestId("bubble").filter({ hasText: "Any news?" }).waitFor();
    await page.locator(`[data-conversation-id="${id}"] [aria-label$="unread"]`).waitFor({ state: "detached" });
    await screenshot(page, "thread-context-dark");
    await context.close();
  });

  it("formats a number from another country too, loading its metadata only then", async () => {
    const line = uniqueLine();
    const contact = `+447700${Math.floor(Math.random() * 1e6)
      .toString()
      .padStart(6, "0")}`;
    await seedThread(line, contact, [{ text: "Hello from London", at: new Date() }]);
    const id = await conversationIdFor(line);
    expect(formatPhone(contact)).not.toBe(contact);
    await openInbox(ui.page, `?c=${id}`);
    const row = ui.page.locator(`[data-conversation-id="${id}"]`);
    // As stored until the metadata arrives, then formatted in the row and the header alike.
    await row.getByText(formatPhone(contact)).waitFor();
    await ui.page
      .getByRole("heading", { name: formatPhone(contact) })
      .first()
      .waitFor();
    expect(await row.textContent()).not.toContain(contact);
  });

  it("says who sent the last outgoing message: you, a teammate by name, or Sendblue", async () => {
    const teammate = await createUser(testDb(), {
      email: `teammate-${Date.now()}@inbox.test`,
      password: "a long enough password",
      name: "Priya Shah",
    });
    const rows: Record<string, string> = {};
    for (const [who, userId] of [
      ["you", (await testMember()).id],
      ["teammate", teammate.id],
      ["outside", null],
    ] as const) {
      const line = uniqueLine();
      await seedThread(line, uniqueNumber(), [{ text: `hello ${who}` }, { text: `reply for ${who}`, out: true }]);
      const id = await conversationIdFor(line);
      if (userId !== null)
        await testDb().message.updateMany({
          where: { conversationId: id, direction: "outbound" },
          data: { sentByUserId: userId },
        });
      rows[who] = String(id);
    }
    await openInbox(ui.page);
    const preview = (who: string) => ui.page.locator(`[data-conversation-id="${rows[who]}"]`).textContent();
    await expect.poll(() => preview("you"), { timeout: 10_000 }).toContain("You: reply for you");
    expect(await preview("teammate")).toContain("Priya Shah: reply for teammate");
    expect(await preview("outside")).toContain("Sendblue: reply for outside");
    await screenshot(ui.page, "inbox-preview-authors-light");
  });
});
