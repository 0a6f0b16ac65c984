import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createUser } from "@/lib/auth/users";
import { testDb } from "../support/db";
import { baseUrl, screenshot, testMember, useBrowser } from "./harness";
import { conversationIdFor, openInbox, seedThread, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Two members in two browser contexts (issue 14): one assigns a conversation from the
// thread header, the other sees it arrive in Mine live; e and s from the keyboard; the
// activity lines in the thread; the tabs and the thread, light and dark.

const ui = useBrowser();

/** A second member's signed-in page. */
async function openAs(userId: number, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await ui.browser.newContext({
    colorScheme,
    viewport: { width: 1280, height: 800 },
    timezoneId: "America/Chicago",
  });
  const { token } = await createSession(testDb(), userId);
  await context.addCookies([
    {
      name: sessionCookieName(),
      value: token,
      domain: new URL(baseUrl()).hostname,
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  return context.newPage();
}

describe("team workflow in two browsers", () => {
  it("one member assigns, the other sees it in Mine; done and snooze from the keyboard leave activity lines", async () => {
    const bo = await createUser(testDb(), {
      email: `bo-${uniqueNumber().slice(1)}@inbox.test`,
      password: "correct horse battery staple",
      name: "Bo Brown",
    });
    const line = uniqueLine();
    await seedThread(line, uniqueNumber(), [{ text: "Hi, can someone from billing call me back?" }]);
    const id = await conversationIdFor(line);

    const boPage = await openAs(bo.id);
    await openInbox(boPage, "?tab=mine");
    const boRow = boPage.locator(`[data-conversation-id="${id}"]`);
    expect(await boRow.count()).toBe(0);

    const ada = ui.page;
    await openInbox(ada, `?c=${id}`);
    await ada.getByTestId("thread-assignee").click();
    const started = performance.now();
    await ada.locator(`[data-testid="assign-picker"] [data-assignee="${bo.id}"]`).click();
    await boRow.waitFor({ timeout: 5000 });
    console.log(
      `[workflow-team] assigned in one browser → in the other's Mine: ${(performance.now() - started).toFixed(0)} ms`,
    );
    await expect.poll(() => boPage.getByTestId("tab-count-mine").textContent(), { timeout: 5000 }).toBe("1");
    expect(await boRow.getByTestId("row-assignee").getAttribute("title")).toBe("Assigned to Bo Brown");
    await ada.getByText("assigned this to Bo Brown").waitFor({ timeout: 5000 });

    // e: done. It leaves Bo's Mine (open only) live, and the trail says who did it.
    await ada.keyboard.press("e");
    await ada.getByText("Test Member marked this done").waitFor({ timeout: 5000 });
    await boRow.waitFor({ state: "detached", timeout: 5000 });
    expect(await ada.getByTestId("thread-done").textContent()).toBe("Reopen");

    // s: the snooze presets; tomorrow 9:00 in the viewer's zone.
    await ada.keyboard.press("s");
    await ada.getByTestId("snooze-picker").waitFor();
    await screenshot(ada, "workflow-snooze-picker-light");
    await ada.locator('[data-preset="tomorrow"]').click();
    await ada.getByText(/Test Member snoozed this until/).waitFor({ timeout: 5000 });
    const row = await testDb().conversation.findUniqueOrThrow({ where: { id } });
    expect(row.state).toBe("snoozed");
    // 9:00 in Chicago is 15:00 UTC in winter, 14:00 in summer.
    expect([14, 15]).toContain(row.snoozedUntil!.getUTCHours());

    await openInbox(ada, `?tab=snoozed&c=${id}`);
    await ada.locator(`[data-conversation-id="${id}"] [data-testid="row-snoozed"]`).waitFor();
    await ada.getByText(/snoozed this until/).waitFor();
    await screenshot(ada, "workflow-thread-activity-light");

    const dark = await openAs((await testMember()).id, "dark");
    await openInbox(dark, `?tab=snoozed&c=${id}`);
    await dark.getByText(/snoozed this until/).waitFor();
    await screenshot(dark, "workflow-thread-activity-dark");
    await dark.keyboard.press("s");
    await dark.getByTestId("snooze-picker").waitFor();
    await screenshot(dark, "workflow-snooze-picker-dark");
    await boPage.context().close();
    await dark.context().close();
  }, 240_000);

  it("selects rows with x and marks them done together from the bulk bar", async () => {
    const line = uniqueLine();
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const l = `${line.slice(0, -1)}${i}`;
      await seedThread(l, uniqueNumber(), [{ text: `Bulk me ${i}` }]);
      ids.push(await conversationIdFor(l));
    }
    const page = ui.page;
    await openInbox(page);
    for (const id of ids) {
      await page.locator(`[data-conversation-id="${id}"]`).focus();
      await page.keyboard.press("x");
      await page.locator(`[data-conversation-id="${id}"][data-checked]`).waitFor();
    }
    expect(await page.getByTestId("bulk-count").textContent()).toBe("2 selected");
    await screenshot(page, "workflow-tabs-bulk-light");
    await page.getByTestId("bulk-done").click();
    for (const id of ids)
      await page.locator(`[data-conversation-id="${id}"]`).waitFor({ state: "detached", timeout: 5000 });
    const states = await testDb().conversation.findMany({ where: { id: { in: ids } }, select: { state: true } });
    expect(states.map((s) => s.state)).toEqual(["done", "done"]);

    const dark = await ui.open({ colorScheme: "dark" });
    await openInbox(dark.page, "?tab=done");
    await dark.page.locator(`[data-conversation-id="${ids[0]}"]`).waitFor();
    await screenshot(dark.page, "workflow-tabs-dark");
    await dark.context.close();
    await openInbox(page, "?tab=done");
    await page.locator(`[data-conversation-id="${ids[0]}"]`).waitFor();
    await screenshot(page, "workflow-tabs-light");
  }, 240_000);
});
