import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createUser } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { launchChromium } from "@/scripts/lib/launch-chromium";
import { testDb } from "../support/db";

// What browser tests share: the server URL, Chromium with signed-in pages (useBrowser),
// webhook posting, and screenshots into docs/screenshots.

export const baseUrl = () => inject("baseUrl");

export interface PageOptions {
  /** With the test member's session cookie (default true). */
  signedIn?: boolean;
  colorScheme?: "light" | "dark";
  viewport?: { width: number; height: number };
  /** A phone: touch events and no hover (pointer: coarse), as on a real one. */
  touch?: boolean;
  /** Signed in as this member instead of the test member (two members side by side). */
  asUserId?: number;
}

export interface BrowserUse {
  readonly browser: Browser;
  /** The context and page opened before the tests with useBrowser's options. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** A fresh context and page; options override useBrowser's. Closed with the browser if not before. */
  open(options?: PageOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Chromium for the tests of this file (or of the describe block it is called in):
 * launched in beforeAll with one page opened with `defaults`, closed in afterAll.
 */
export function useBrowser(defaults: PageOptions = {}): BrowserUse {
  let browser: Browser | undefined;
  let shared: { context: BrowserContext; page: Page } | undefined;
  const open = async (options: PageOptions = {}) => {
    if (!browser) throw new Error("useBrowser: the browser opens in beforeAll; use it inside a test or hook");
    const context = await newContext(browser, { ...defaults, ...options });
    return { context, page: await context.newPage() };
  };
  beforeAll(async () => {
    browser = await launchChromium();
    shared = await open();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const ready = () => {
    if (!browser || !shared)
      throw new Error("useBrowser: the browser opens in beforeAll; use it inside a test or hook");
    return { browser, ...shared };
  };
  return {
    get browser() {
      return ready().browser;
    },
    get context() {
      return ready().context;
    },
    get page() {
      return ready().page;
    },
    open,
  };
}

async function newContext(browser: Browser, options: PageOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
    timezoneId: "America/Chicago",
  });
  if (options.signedIn === false) return context;
  const url = new URL(baseUrl());
  const { token } = await createSession(testDb(), options.asUserId ?? (await testMember()).id);
  await context.addCookies([
    {
      name: sessionCookieName(),
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

/** One member account per test run, signed in by every signed-in page. */
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

/**
 * Presses "/" until the search box has focus. A key pressed before the page has hydrated
 * reaches no listener, and on a loaded CI machine hydration can take seconds after goto.
 */
export async function pressSlashToSearch(page: Page): Promise<void> {
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("name") === "q");
  for (let attempt = 0; attempt < 60; attempt++) {
    await page.keyboard.press("/");
    if (await focused()) return;
    await page.waitForTimeout(250);
  }
  throw new Error('"/" never focused the search box');
}
