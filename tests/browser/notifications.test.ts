import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { vapidPublicKeyFor } from "@/lib/notifications/vapid";
import { createUser } from "@/lib/auth/users";
import { createNote } from "@/lib/notes/create-note";
import type { NotifyPreference } from "@/lib/notifications/should-notify";
import { testDb } from "../support/db";
import { receiveBody } from "../support/webhooks";
import { baseUrl, screenshot, testMember, useBrowser } from "./harness";
import { openInbox, post, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Notifications in Chromium: a notice when a webhook arrives while the inbox tab is hidden
// (and none when the member turned them off), the installable app (manifest, service worker,
// offline page), the unread count in the title and the favicon's dot, and Settings.

const ui = useBrowser();
const db = testDb();

type Recorded = { title: string; body?: string; tag?: string };

/**
 * Records every Notification the page constructs. Chromium's headless shell (the bundled
 * Chromium) says Notification.permission is "denied" whatever the context grants, while the
 * Permissions API reports the grant; the recorder answers with what that API says, so the
 * context's grant (or its absence) is what the page sees, as in a full browser.
 */
async function recordNotifications(context: BrowserContext) {
  await context.addInitScript(() => {
    const Real = window.Notification;
    const w = window as unknown as { __notices: (Recorded & { instance?: Notification })[] };
    w.__notices = [];
    let granted: NotificationPermission | null = null;
    void navigator.permissions
      .query({ name: "notifications" })
      .then((s) => (granted = s.state === "granted" ? "granted" : null));
    class RecordingNotification extends Real {
      static override get permission(): NotificationPermission {
        return granted ?? Real.permission;
      }
      constructor(title: string, options?: NotificationOptions) {
        const entry: Recorded & { instance?: Notification } = { title, body: options?.body, tag: options?.tag };
        w.__notices.push(entry);
        super(title, options);
        entry.instance = this;
      }
    }
    window.Notification = RecordingNotification as typeof Notification;
  });
}

/** A signed-in tab allowed to notify, whose Notification constructions are recorded. */
async function notifyingPage(): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await ui.open();
  await opened.context.grantPermissions(["notifications"], { origin: baseUrl() });
  await recordNotifications(opened.context);
  return opened;
}

/** Makes the tab hidden as a person switching to another one would (the visibility API). */
async function hide(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

const notices = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __notices: Recorded[] }).__notices.map(({ title, body, tag }) => ({ title, body, tag })),
  );

async function setPreference(notifications: NotifyPreference) {
  await db.user.update({ where: { id: (await testMember()).id }, data: { notifications } });
}

/** A conversation with a named contact, made (and read) before the test looks. */
async function namedConversation(first: string, last: string) {
  const number = uniqueNumber();
  const line = uniqueLine();
  await post("receive", receiveBody({ number, sendblue_number: line, to_number: line, content: "First message" }));
  await db.contact.update({ where: { number }, data: { firstName: first, lastName: last } });
  const c = await db.conversation.findFirstOrThrow({ where: { contactNumber: number } });
  return { id: c.id, number, line };
}

/** The member's setting, an inbox tab then hidden, and a message from a named contact meanwhile. */
async function messageWhileHidden(preference: NotifyPreference, contact: [string, string], content: string) {
  await setPreference(preference);
  const { page } = await notifyingPage();
  const c = await namedConversation(...contact);
  await openInbox(page);
  await hide(page);
  await post("receive", receiveBody({ number: c.number, sendblue_number: c.line, to_number: c.line, content }));
  return { page, c };
}

describe("browser notifications", () => {
  it("a webhook while the tab is hidden shows the contact's name and a preview; clicking opens the thread", async () => {
    const { page, c } = await messageWhileHidden("all", ["Grace", "Hopper"], "Are you open\non Sunday?");
    await expect
      .poll(() => notices(page), { timeout: 10_000 })
      .toEqual([{ title: "Grace Hopper", body: "Are you open on Sunday?", tag: expect.stringMatching(/^message:/) }]);

    await page.evaluate(() =>
      (window as unknown as { __notices: { instance: Notification }[] }).__notices[0]!.instance.dispatchEvent(
        new Event("click"),
      ),
    );
    await page.waitForURL((url) => url.searchParams.get("c") === String(c.id));
    await page.getByTestId("bubble").filter({ hasText: "Are you open" }).first().waitFor();
  });

  it("with mentions only: a mention while the tab is hidden says who mentioned you, a message does not notify", async () => {
    const { page, c } = await messageWhileHidden("mentions", ["Alan", "Turing"], "Not for you");
    await page.getByText("Not for you").first().waitFor({ state: "attached" });
    const grace = await createUser(db, {
      email: `grace-${Date.now()}@inbox.test`,
      password: "long enough password",
      name: "Grace",
    });
    const me = await testMember();
    await createNote(
      db,
      { ...grace, role: "member" },
      { conversationId: c.id, body: "@Test Member can you call back?", mentions: [me.id] },
    );
    await expect
      .poll(() => notices(page), { timeout: 10_000 })
      .toEqual([
        {
          title: "Alan Turing",
          body: "Grace mentioned you: @Test Member can you call back?",
          tag: expect.stringMatching(/^mention:/),
        },
      ]);
    await setPreference("mine_and_unassigned");
  });

  it("shows nothing when the member turned notifications off, nor while the tab is in front", async () => {
    const { c, page } = await messageWhileHidden("off", ["Ada", "Lovelace"], "Muted one");
    // The row shows the message: the live event has been handled, and it made no notice.
    await page.getByText("Muted one").first().waitFor({ state: "attached" });
    expect(await notices(page)).toEqual([]);

    await setPreference("all");
    const { page: visible } = await notifyingPage();
    await openInbox(visible);
    await post(
      "receive",
      receiveBody({ number: c.number, sendblue_number: c.line, to_number: c.line, content: "Seen in front" }),
    );
    await visible.getByText("Seen in front").first().waitFor();
    expect(await notices(visible)).toEqual([]);
    await setPreference("mine_and_unassigned");
  });
});

describe("installable app", () => {
  it("serves a manifest whose icons and start page are reachable", async () => {
    const res = await fetch(`${baseUrl()}/manifest.webmanifest`);
    expect([res.status, res.headers.get("content-type")]).toEqual([
      200,
      expect.stringContaining("application/manifest+json"),
    ]);
    const manifest = (await res.json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest).toMatchObject({ name: "Sendblue Inbox", start_url: "/", display: "standalone" });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["any", "192x192", "512x512"]));
    for (const icon of manifest.icons) {
      const got = await fetch(new URL(icon.src, baseUrl()));
      expect([icon.src, got.status, got.headers.get("content-type")]).toEqual([
        icon.src,
        200,
        expect.stringContaining(icon.type),
      ]);
      const bytes = Buffer.from(await got.arrayBuffer());
      if (icon.type === "image/png") expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
    }
    // start_url needs a sign-in: it answers with the sign-in page, not an error.
    const start = await fetch(new URL(manifest.start_url, baseUrl()), { redirect: "manual" });
    expect([start.status, start.headers.get("location")]).toEqual([307, expect.stringContaining("/sign-in")]);
  });

  it("registers the service worker, links the manifest, and shows the offline page without a network (light and dark)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await ui.open({ colorScheme, viewport: { width: 900, height: 600 } });
      await openInbox(page);
      expect(await page.locator('link[rel="manifest"]').getAttribute("href")).toBe("/manifest.webmanifest");
      const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
      expect(script).toBe(`${baseUrl()}/sw.js`);
      await context.setOffline(true);
      await page.goto(`${baseUrl()}/search`).catch(() => {});
      await page.getByRole("heading", { name: "You're offline" }).waitFor();
      expect(await page.title()).toBe("Offline · Sendblue Inbox");
      await screenshot(page, `offline-${colorScheme}`);
      await context.setOffline(false);
      // Back online, the offline page reloads itself and the page comes from the server
      // (the worker never cached it). A goto here would race that reload (ERR_ABORTED).
      await page.getByRole("heading", { name: "Search" }).first().waitFor();
      expect(await page.title()).not.toBe("Offline · Sendblue Inbox");
      await context.close();
    }
  });
});

describe("unread count", () => {
  it("puts the count in the title and a dot on the favicon, and takes them away when read", async () => {
    const me = (await testMember()).id;
    // Everything read for this member, so the count starts at zero.
    await db.$executeRaw`
      INSERT INTO conversation_reads (user_id, conversation_id, read_at, marked_unread)
      SELECT ${me}, id, 'infinity', false FROM conversations
      ON CONFLICT (user_id, conversation_id) DO UPDATE SET read_at = 'infinity', marked_unread = false`;
    const { page } = await ui.open();
    await openInbox(page);
    const icon = () => page.locator('link[rel="icon"]').first().getAttribute("href");
    await expect.poll(() => page.title()).toBe("Sendblue Inbox");
    expect(await icon()).toMatch(/^\/icon\.svg/);

    const number = uniqueNumber();
    const line = uniqueLine();
    await post("receive", receiveBody({ number, sendblue_number: line, to_number: line, content: "Count me" }));
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe("(1) Sendblue Inbox");
    await expect.poll(icon).toMatch(/^data:image\/svg\+xml,/);

    await page.getByText("Count me").first().click();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe("Sendblue Inbox");
    await expect.poll(icon).toMatch(/^\/icon\.svg/);
  });
});

describe("notification settings", () => {
  it("saves the member's choice, and shows this browser's side (screenshots light and dark)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await ui.open({ colorScheme, viewport: { width: 900, height: 1000 } });
      await context.grantPermissions(["notifications"], { origin: baseUrl() });
      await recordNotifications(context);
      await page.goto(`${baseUrl()}/settings`);
      const section = page.getByTestId("notification-settings");
      await section.scrollIntoViewIfNeeded();
      await section.getByText("Notifications are allowed here").waitFor();
      await section.getByTestId("push-toggle").waitFor();
      if (colorScheme === "light") {
        await section.getByRole("radio", { name: /Mentions only/ }).check();
        await expect
          .poll(async () => (await db.user.findUniqueOrThrow({ where: { id: (await testMember()).id } })).notifications)
          .toBe("mentions");
        await section.getByRole("radio", { name: /Mine and unassigned/ }).check();
        await expect
          .poll(async () => (await db.user.findUniqueOrThrow({ where: { id: (await testMember()).id } })).notifications)
          .toBe("mine_and_unassigned");
      }
      expect(await section.getByRole("radio", { name: /Mine and unassigned/ }).isChecked()).toBe(true);
      // The page hands the browser the server's public VAPID key, and never the private one.
      const html = await page.content();
      expect(html).toContain(vapidPublicKeyFor(inject("vapidPrivateKey")));
      expect(html).not.toContain(inject("vapidPrivateKey"));
      await section.screenshot({ path: path.resolve(`docs/screenshots/settings-notifications-${colorScheme}.png`) });
      await context.close();
    }
  });
});
