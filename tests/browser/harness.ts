import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { createUser } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { testDb } from "../support/db";

// What browser tests share: the server URL, a Debian Chromium, a signed-in context,
// webhook posting, and screenshots into docs/screenshots.

export const baseUrl = () => inject("baseUrl");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: env().CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}

export async function signedInContext(
  browser: Browser,
  options: { colorScheme?: "light" | "dark"; viewport?: { width: number; height: number }; touch?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 800 },
    // A phone: touch events and no hover, as on a real one.
    ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
    timezoneId: "America/Chicago",
  });
  const url = new URL(baseUrl());
  const { token } = await createSession(testDb(), (await testMember()).id);
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: token,
      domain: url.hostname,
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  return context;
}

let member: Promise<{ id: number; email: string }> | undefined;

/** One member account per test run, signed in by each signedInContext. */
export function testMember() {
  member ??= createUser(testDb(), {
    email: `member-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@inbox.test`,
    password: TEST_MEMBER_PASSWORD,
    name: "Test Member",
    role: "owner",
  });
  return member;
}

export const TEST_MEMBER_PASSWORD = "correct horse battery staple";

export async function postWebhook(type: string, body: unknown, init: { secret?: string | null } = {}) {
  const secret = init.secret === undefined ? env().SENDBLUE_WEBHOOK_SECRET : init.secret;
  const res = await fetch(`${baseUrl()}/api/webhooks/${type}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "sb-signing-secret": secret } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve("docs/screenshots");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
