import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changeConversation } from "@/lib/workflow/change-conversation";
import { createUser } from "@/lib/auth/users";
import { testDb } from "../support/db";
import { baseUrl, screenshot, testMember, useBrowser } from "./harness";
import { conversationIdFor, openInbox, seedThread, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Disabling a member in Settings → Team reaches other members' open inboxes live (a
// "members" event): their conversations show as unassigned, they leave the open assignee
// picker and the thread's "is viewing" line, with no reload.

const ui = useBrowser();

describe("disabling a member", () => {
  it("updates other members' open pages without a reload", async () => {
    const suffix = randomBytes(3).toString("hex");
    const bo = await createUser(testDb(), {
      email: `bo-${suffix}@inbox.test`,
      password: "correct horse battery staple",
      name: `Bo ${suffix}`,
    });
    const line = uniqueLine();
    await seedThread(line, uniqueNumber(), [{ text: `Can Bo call me back? ${suffix}` }]);
    const id = await conversationIdFor(line);
    const me = await testMember();
    await changeConversation(testDb(), id, { id: me.id, name: "Test Member", email: me.email }, { assigneeId: bo.id });

    // Grace (the test member) has the thread open; Bo is viewing it too.
    const page = ui.page;
    await openInbox(page, `?c=${id}&tab=all`);
    const row = page.locator(`[data-conversation-id="${id}"]`);
    await expect.poll(() => row.getByTestId("row-assignee").count()).toBe(1);
    expect(await page.getByTestId("thread-assignee").textContent()).toBe(`Bo ${suffix}`);
    const boPage = (await ui.open({ asUserId: bo.id })).page;
    await openInbox(boPage, `?c=${id}`);
    await expect
      .poll(() => page.getByTestId("presence-line").textContent(), { timeout: 15_000 })
      .toBe(`Bo ${suffix} is viewing`);
    // The assignee picker is open when it happens.
    await page.getByTestId("thread-assignee").click();
    const boOption = page.locator(`[data-testid="assign-picker"] [data-assignee="${bo.id}"]`);
    await boOption.waitFor();

    // An owner disables Bo from Settings → Team, in another browser.
    const settings = (await ui.open()).page;
    await settings.goto(`${baseUrl()}/settings`);
    await settings.locator("li", { hasText: bo.email }).getByRole("button", { name: "Disable" }).click();
    await settings.locator("li", { hasText: bo.email }).getByText("disabled", { exact: true }).waitFor();

    const started = performance.now();
    await boOption.waitFor({ state: "detached", timeout: 5000 });
    await expect.poll(() => page.getByTestId("presence-line").count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => row.getByTestId("row-assignee").count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.getByTestId("thread-assignee").textContent(), { timeout: 5000 }).toBe("Unassigned");
    console.log(
      `[member-disabled-live] disabled → gone from the other member's page: ${(performance.now() - started).toFixed(0)} ms`,
    );
    await screenshot(page, "member-disabled-live-light");
    expect(await testDb().conversation.findUniqueOrThrow({ where: { id }, select: { assigneeId: true } })).toEqual({
      assigneeId: bo.id,
    });
  });
});
