import { describe, expect, it } from "vitest";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { baseUrl, screenshot, TEST_MEMBER_PASSWORD, testMember, useBrowser } from "./harness";

const SESSION_COOKIE = sessionCookieName();

const ui = useBrowser({ signedIn: false });

describe("sign-in", () => {
  it("sends an anonymous visitor to /sign-in, refuses a wrong password and signs in with the right one", async () => {
    const member = await testMember();
    const { context, page } = await ui.open({ colorScheme: "light" });
    await page.goto(`${baseUrl()}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByRole("heading", { name: "Sign in to your Sendblue inbox" }).waitFor();
    await expect(page.getByRole("link", { name: "Contacts" }).count()).resolves.toBe(0);
    await screenshot(page, "sign-in-light");

    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill("definitely not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong email or password" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect((await context.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

    await page.getByLabel("Password").fill(TEST_MEMBER_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
    expect(cookie!.value).not.toContain(TEST_MEMBER_PASSWORD);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in$/);
    expect((await context.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    await context.close();
  });

  it("returns to the page asked for, and never redirects API calls", async () => {
    const member = await testMember();
    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/events?outcome=invalid`);
    expect(page.url()).toBe(`${baseUrl()}/sign-in?next=${encodeURIComponent("/events?outcome=invalid")}`);
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(TEST_MEMBER_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl()}/events?outcome=invalid`);
    await page.getByRole("heading", { name: "Webhook log" }).waitFor();
    await context.close();

    const api = await fetch(`${baseUrl()}/api/conversations`, { redirect: "manual" });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: "unauthorized" } });
    const forged = await fetch(`${baseUrl()}/lines`, {
      redirect: "manual",
      headers: { cookie: `${SESSION_COOKIE}=forged` },
    });
    expect(forged.status).toBe(307);
    expect(forged.headers.get("location")).toContain("/sign-in?next=%2Flines");
  });

  it("a call that finds the session lapsed goes to sign-in and comes back to the page and its query", async () => {
    const member = await testMember();
    const { context, page } = await ui.open({ signedIn: true });
    await page.goto(`${baseUrl()}/settings?from=lapsed`);
    const labels = page.getByTestId("labels-settings");
    // aria-pressed is set by an effect, so its presence means the page has hydrated.
    await page.locator("button[aria-pressed]").waitFor();
    await context.clearCookies();
    await labels.getByPlaceholder("Billing").fill("Never saved");
    await labels.getByRole("button", { name: "Add label" }).click();
    await page.waitForURL(`${baseUrl()}/sign-in?next=${encodeURIComponent("/settings?from=lapsed")}`);
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(TEST_MEMBER_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl()}/settings?from=lapsed`);
    await context.close();
  });

  it("dark sign-in screenshot", async () => {
    const { context, page } = await ui.open({ colorScheme: "dark" });
    await page.goto(`${baseUrl()}/sign-in`);
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await screenshot(page, "sign-in-dark");
    await context.close();
  });
});

describe("theme", () => {
  it("follows the system by default and the toggle switches and remembers dark mode", async () => {
    const { context, page } = await ui.open({ signedIn: true, colorScheme: "light" });
    // The pre-paint theme script and local times must not trip React's hydration checks.
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
    });
    page.on("response", (r) => {
      // /search is built on its own branch; until it is merged the nav's prefetch of it 404s.
      const path = new URL(r.url()).pathname;
      if (r.status() >= 400 && path !== "/search") problems.push(`${r.status()} ${path}`);
    });
    await page.goto(`${baseUrl()}/lines`);
    // aria-pressed is set by an effect, so its presence means the page has hydrated.
    await page.locator("button[aria-pressed]").waitFor();
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    expect(await isDark()).toBe(false);
    const toggle = page.getByRole("button", { name: "Dark mode" });
    await toggle.click();
    expect(await isDark()).toBe(true);
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");

    await page.reload();
    expect(await isDark()).toBe(true);
    await page.getByRole("button", { name: "Dark mode" }).click();
    expect(await isDark()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();

    const { context: darkSystem, page: darkPage } = await ui.open({ signedIn: true, colorScheme: "dark" });
    await darkPage.goto(`${baseUrl()}/lines`);
    expect(await darkPage.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await darkSystem.close();
  });
});
