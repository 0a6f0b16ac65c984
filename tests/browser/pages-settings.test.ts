import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/users";
import { testDb } from "../support/db";
import { baseUrl, screenshot, useBrowser } from "./harness";

const ui = useBrowser();

async function signIn(email: string, password: string) {
  const res = await fetch(`${baseUrl()}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

describe("/settings team", () => {
  it("lets an owner give a member a new password, which signs them in and the old one out", async () => {
    const email = `forgetful-${randomUUID().slice(0, 8)}@inbox.test`;
    const fran = await createUser(testDb(), { email, password: "the old long password", name: "Forgetful Fran" });
    expect(await signIn(email, "the old long password")).toBe(200);
    await createApiToken(testDb(), fran.id, "Fran's script");

    const { context, page } = await ui.open(); // the test member is an owner
    await page.goto(`${baseUrl()}/settings`);
    const row = page.getByRole("listitem").filter({ hasText: email });
    await row.getByRole("button", { name: "Set password" }).click();
    const input = row.getByLabel("New password for Forgetful Fran");
    await input.fill("short");
    // The browser's own check holds a too-short password back before any request.
    await row.getByRole("button", { name: "Save password" }).click();
    expect(await input.evaluate((el: HTMLInputElement) => el.validity.tooShort)).toBe(true);
    await input.fill("a brand new long password");
    await screenshot(page, "settings-reset-password-light");
    await row.getByRole("button", { name: "Save password" }).click();
    const notice = page.getByRole("status").filter({ hasText: `New password set for ${email}` });
    await notice.waitFor();
    // The owner is told what ended: Fran's one session and her one API token.
    expect(await notice.textContent()).toContain("1 session signed out and 1 API token revoked");
    await screenshot(page, "settings-reset-password-done-light");
    expect(await row.getByLabel("New password for Forgetful Fran").count()).toBe(0);

    expect(await signIn(email, "the old long password")).toBe(401);
    expect(await signIn(email, "a brand new long password")).toBe(200);
    await context.close();

    const { context: dark, page: darkPage } = await ui.open({ colorScheme: "dark" });
    await darkPage.goto(`${baseUrl()}/settings`);
    const darkRow = darkPage.getByRole("listitem").filter({ hasText: email });
    await darkRow.getByRole("button", { name: "Set password" }).click();
    await darkRow.getByLabel("New password for Forgetful Fran").waitFor();
    await screenshot(darkPage, "settings-reset-password-dark");
    await dark.close();
  });
});
