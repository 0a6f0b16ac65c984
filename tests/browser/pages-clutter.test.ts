import { describe, expect, it } from "vitest";
import { formatPhone } from "@/lib/format/phone-number";
import { baseUrl, postWebhook, screenshot, useBrowser } from "./harness";
import { openInbox, seedThread, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Issue 18 "Clutter and wording": the blocked-line notice only where it matters and
// dismissible, token revoke that asks first and a new token with Copy, sign-in advice that
// matches Settings.

const ui = useBrowser();

describe("clutter and wording", () => {
  it("shows the inbox's blocked-line notice only for a line in use, and lets the agent dismiss it", async () => {
    const used = uniqueLine();
    await seedThread(used, uniqueNumber(), [{ text: "hi there" }]);
    const spare = uniqueNumber();
    expect((await postWebhook("line_blocked", { sendblue_number: spare, reason: "spam reports" })).status).toBe(200);
    expect((await postWebhook("line_blocked", { sendblue_number: used, reason: "spam reports" })).status).toBe(200);
    const { context, page } = await ui.open({ viewport: { width: 390, height: 844 } });
    await openInbox(page);
    const notice = page.getByRole("alert").filter({ hasText: /blocked/ });
    await notice.waitFor();
    const text = await notice.textContent();
    expect(text).toContain(formatPhone(used));
    expect(text).not.toContain(formatPhone(spare));
    await screenshot(page, "inbox-blocked-notice-phone-light");
    await page.getByRole("button", { name: "Dismiss this notice" }).click();
    await notice.waitFor({ state: "detached" });
    await openInbox(page);
    expect(
      await page
        .getByRole("alert")
        .filter({ hasText: /blocked/ })
        .count(),
    ).toBe(0);
    // The Lines page still says it, spare line included.
    await page.goto(`${baseUrl()}/lines`);
    expect(
      await page
        .getByRole("alert")
        .filter({ hasText: /blocked/ })
        .count(),
    ).toBe(1);
    await context.close();
  });

  it("asks before revoking a token, offers Copy for a new one, and drops it from the screen once revoked", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { context, page } = await ui.open({ colorScheme: scheme });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl() });
      await page.goto(`${baseUrl()}/settings`);
      const name = `script-${scheme}-${Date.now()}`;
      await page.getByPlaceholder("CRM sync").fill(name);
      await page.getByRole("button", { name: "Create token" }).click();
      const token = await page.getByTestId("new-token").textContent();
      await page.getByRole("button", { name: "Copy", exact: true }).click();
      await page.getByRole("button", { name: "Copied" }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
      await page.getByRole("button", { name: `Revoke ${name}…` }).click();
      const confirm = page.getByRole("group", { name: `Confirm revoking ${name}` });
      await screenshot(page, `settings-token-revoke-${scheme}`);
      await confirm.getByRole("button", { name: "Cancel" }).click();
      expect(await page.getByTestId("new-token").count()).toBe(1);
      await page.getByRole("button", { name: `Revoke ${name}…` }).click();
      await confirm.getByRole("button", { name: `Revoke ${name}` }).click();
      await page.getByTestId("new-token").waitFor({ state: "detached" });
      await page.getByRole("button", { name: `Revoke ${name}…` }).waitFor({ state: "detached" });
      await context.close();
    }
  });

  it("gives sign-in advice that matches Settings' Set password", async () => {
    const { context, page } = await ui.open({ signedIn: false });
    await page.goto(`${baseUrl()}/sign-in`);
    const advice = await page.getByText(/Forgot your password/).textContent();
    expect(advice).toContain("“Set password”");
    expect(advice).not.toContain("remove your account");
    await context.close();
  });
});
