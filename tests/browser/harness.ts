import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { sessionCookieValue, SESSION_COOKIE } from "@/lib/auth/dashboard-session";
import { env } from "@/lib/env";

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
  options: { colorScheme?: "light" | "dark"; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 800 },
    timezoneId: "America/Chicago",
  });
  const url = new URL(baseUrl());
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: sessionCookieValue(env().INBOX_API_TOKEN!),
      domain: url.hostname,
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  return context;
}

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
