import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { seriousViolations } from "./axe";
import { baseUrl, screenshot, testMember, useBrowser } from "./harness";
import { pageRoutes } from "./page-routes";
import { conversationIdFor, openInbox, seedThread, startMediaHost, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// axe-core on every page, light and dark: no serious or critical violation (contrast,
// headings, names). axe is injected from node_modules, never fetched.

const ui = useBrowser();
let host: Awaited<ReturnType<typeof startMediaHost>>;
let threadId = 0;
const WORD = `axecheck${Date.now().toString(36)}`;

beforeAll(async () => {
  host = await startMediaHost({ "/att/invoice.pdf": { type: "application/pdf", body: "%PDF-1.4\n%%EOF\n" } });
  const line = uniqueLine();
  await seedThread(line, uniqueNumber(), [
    { text: `Is my ${WORD} order ready?`, at: new Date(Date.now() - 3 * 3600_000) },
    { text: "Here is the invoice", media: host.url("/att/invoice.pdf"), at: new Date(Date.now() - 2 * 3600_000) },
    { text: "Yes, it ships today.", out: true, at: new Date(Date.now() - 60_000) },
  ]);
  threadId = await conversationIdFor(line);
  // The reply was sent by the test member, so the thread shows "Sent by …".
  await testDb().message.updateMany({
    where: { conversationId: threadId, direction: "outbound" },
    data: { sentByUserId: (await testMember()).id },
  });
});

afterAll(async () => {
  await host?.close();
});

const pages: { name: string; path: string; signedIn?: boolean; open: (page: Page) => Promise<void> }[] = [
  { name: "inbox", path: "/", open: (page) => openInbox(page) },
  {
    name: "thread",
    path: "/",
    open: async (page) => {
      await openInbox(page, `?c=${threadId}`);
      await page.getByTestId("bubble").filter({ hasText: "Yes, it ships today." }).waitFor();
      await page.getByText("Beginning of the conversation").waitFor();
    },
  },
  {
    name: "search",
    path: "/search",
    open: async (page) => {
      await page.goto(`${baseUrl()}/search?q=${WORD}`);
      await page.getByText(`order ready`).first().waitFor();
    },
  },
  { name: "contacts", path: "/contacts", open: (page) => page.goto(`${baseUrl()}/contacts`).then(() => undefined) },
  { name: "lines", path: "/lines", open: (page) => page.goto(`${baseUrl()}/lines`).then(() => undefined) },
  { name: "events", path: "/events", open: (page) => page.goto(`${baseUrl()}/events`).then(() => undefined) },
  {
    name: "insights",
    path: "/insights",
    open: async (page) => {
      await page.goto(`${baseUrl()}/insights`);
      await page.getByText("Days and hours in America/Chicago.").waitFor();
    },
  },
  { name: "settings", path: "/settings", open: (page) => page.goto(`${baseUrl()}/settings`).then(() => undefined) },
  { name: "mentions", path: "/mentions", open: (page) => page.goto(`${baseUrl()}/mentions`).then(() => undefined) },
  {
    name: "sign-in",
    path: "/sign-in",
    signedIn: false,
    open: (page) => page.goto(`${baseUrl()}/sign-in`).then(() => undefined),
  },
];

// Pages not checked, and why; every other page under app/ must be in the list above.
const NOT_CHECKED: Record<string, string> = {
  "/api-docs": "Swagger UI's own markup (swagger-ui-dist), not ours",
  "/setup": "shown only while no account exists; the test database has accounts, so it redirects to sign-in",
};

describe("accessibility (axe-core)", () => {
  it("checks every page under app/, or says why not", () => {
    const listed = new Set([...pages.map((p) => p.path), ...Object.keys(NOT_CHECKED)]);
    expect(
      pageRoutes().filter((route) => !listed.has(route)),
      "pages to add to the list above",
    ).toEqual([]);
  });

  for (const scheme of ["light", "dark"] as const) {
    for (const p of pages) {
      it(`${p.name} in ${scheme}: no serious or critical violations`, async () => {
        const { context, page } = await ui.open({ colorScheme: scheme, signedIn: p.signedIn ?? true });
        await p.open(page);
        await page.waitForLoadState("networkidle").catch(() => {});
        const found = await seriousViolations(page);
        if (p.name === "thread") await screenshot(page, `a11y-thread-${scheme}`);
        await context.close();
        expect(found).toEqual([]);
      });
    }
  }
});
