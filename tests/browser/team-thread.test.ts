import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { seriousViolations } from "./axe";
import { baseUrl, screenshot, useBrowser } from "./harness";
import { conversationIdFor, openInbox, post, seedThread, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// The thread half of issue 14 in Chromium: internal notes with @mentions, labels (menu,
// chips, list filter), the saved-reply picker, and collision between two members in two
// browser contexts.

const ui = useBrowser();
const suffix = randomBytes(3).toString("hex");
let grace: { id: number; name: string | null };

async function api(path: string, method: string, body?: unknown) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function thread(text: string, contact = uniqueNumber()) {
  const line = uniqueLine();
  await seedThread(line, contact, [{ text }]);
  return { id: await conversationIdFor(line), contact };
}

async function openThread(page: Page, id: number, text: string, query = "") {
  await openInbox(page, `?c=${id}${query}`);
  await page.getByTestId("bubble").filter({ hasText: text }).waitFor();
}

/** Presses a single-key shortcut until `done` holds (a key before hydration reaches no listener). */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>) {
  for (let i = 0; i < 40; i++) {
    await page.locator("body").press(key);
    // Time to render before checking, so a key that worked is not pressed again into the box it opened.
    await page.waitForTimeout(250);
    if (await done()) return;
  }
  throw new Error(`${key} never took effect`);
}

beforeAll(async () => {
  grace = await createUser(testDb(), {
    email: `grace-${suffix}@inbox.test`,
    password: "correct horse battery staple",
    name: `Grace ${suffix}`,
  });
});

describe("internal notes", () => {
  it("n opens the Note tab; @ suggests members; the note shows amber with its author, notifies the mentioned member, and sends nothing", async () => {
    const { id } = await thread("Where is my parcel?");
    const page = ui.page;
    await openThread(page, id, "Where is my parcel?");
    const note = page.getByTestId("note-input");
    await pressUntil(page, "n", () => note.isVisible());
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("note-input");

    await note.pressSequentially(`Courier lost it, @grace-${suffix.slice(0, 4)}`);
    const option = page.getByRole("option", { name: new RegExp(`Grace ${suffix}`) });
    await option.waitFor();
    await note.press("Enter");
    await expect.poll(() => note.inputValue()).toBe(`Courier lost it, @Grace ${suffix} `);
    await note.pressSequentially("please refund");
    await note.press("Enter");

    const card = page.getByTestId("note-card").filter({ hasText: "please refund" });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Internal note.*Test Member/);
    const stored = await testDb().conversationNote.findFirstOrThrow({
      where: { conversationId: id },
      include: { mentions: true },
    });
    expect(stored.body).toBe(`Courier lost it, @Grace ${suffix} please refund`);
    expect(stored.mentions.map((m) => m.userId)).toEqual([grace.id]);
    // A note is not a message: nothing outbound was stored (or sent) for it.
    expect(await testDb().message.count({ where: { conversationId: id, direction: "outbound" } })).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "thread-note-light");

    const dark = await ui.open({ colorScheme: "dark" });
    await openThread(dark.page, id, "Where is my parcel?");
    await dark.page.getByTestId("note-card").first().waitFor();
    await dark.page.getByTestId("note-tab").click();
    expect(await seriousViolations(dark.page)).toEqual([]);
    await screenshot(dark.page, "thread-note-dark");
    await dark.context.close();

    // Grace sees the mention in the top bar and on /mentions.
    const asGrace = await ui.open({ asUserId: grace.id });
    await asGrace.page.goto(`${baseUrl()}/mentions`);
    await asGrace.page.getByTestId("mention-list").getByText("please refund").waitFor();
    expect(await asGrace.page.getByTestId("mentions-badge").getAttribute("aria-label")).toBe("Mentions, 1 unread");
    await screenshot(asGrace.page, "mentions-light");
    await asGrace.context.close();
  });
});

describe("labels", () => {
  it("l opens the label menu; a label shows as a chip in the header and the list, and the list filters by it", async () => {
    const vip = (await api("/api/labels", "POST", { name: `VIP ${suffix}`, color: "purple" })) as {
      id: number;
      name: string;
    };
    await api("/api/labels", "POST", { name: `Billing ${suffix}`, color: "green" });
    const other = await thread("Just browsing");
    const { id } = await thread("I'd like to order 40 units");
    await api(`/api/conversations/${id}/labels`, "POST", { name: `Billing ${suffix}` });

    const page = ui.page;
    await openThread(page, id, "I'd like to order 40 units");
    const menu = page.getByTestId("label-menu");
    await pressUntil(page, "l", () => menu.isVisible());
    await page.keyboard.type(`vip ${suffix}`);
    await page.keyboard.press("Enter");
    const headerChips = page.locator("header").getByTestId("label-chips");
    await expect.poll(() => headerChips.textContent()).toContain(vip.name);
    await screenshot(page, "thread-labels-menu-light");
    await page.keyboard.press("Escape");
    await expect.poll(() => menu.count()).toBe(0);

    const row = page.locator(`[data-conversation-id="${id}"]`);
    await expect.poll(() => row.getByTestId("label-chips").textContent()).toContain(vip.name);
    const activity = await testDb().conversationActivity.findMany({
      where: { conversationId: id, kind: "label" },
      orderBy: { id: "asc" },
    });
    expect(activity.at(-1)).toMatchObject({ actorName: "Test Member", data: { action: "added", labelId: vip.id } });

    await page.getByTestId("label-filter").selectOption(vip.name);
    await expect.poll(() => new URL(page.url()).searchParams.get("label")).toBe(vip.name);
    // The filtered page replaces the list: the labelled row is back, the other one is not.
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => page.locator(`[data-conversation-id="${other.id}"]`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "inbox-label-filter-light");

    const dark = await ui.open({ colorScheme: "dark" });
    await openThread(dark.page, id, "I'd like to order 40 units", `&label=${encodeURIComponent(vip.name)}`);
    await dark.page.locator(`[data-conversation-id="${id}"]`).getByTestId("label-chips").waitFor();
    await dark.page.getByTestId("label-menu-button").click();
    await dark.page.getByTestId("label-menu").waitFor();
    expect(await seriousViolations(dark.page)).toEqual([]);
    await screenshot(dark.page, "inbox-label-filter-dark");
    await dark.context.close();
  });

  it("Settings lists the labels and saved replies with their editors", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { page, context } = await ui.open({ colorScheme: scheme });
      await page.goto(`${baseUrl()}/settings`);
      await page.getByTestId("labels-settings").getByText(`VIP ${suffix}`).first().waitFor();
      await page.getByTestId("saved-replies-settings").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId("labels-settings").screenshot({ path: `docs/screenshots/settings-labels-${scheme}.png` });
      await context.close();
    }
  });
});

describe("saved replies", () => {
  it("/ opens the picker; Enter inserts with the contact's and member's values; an empty variable must be filled before sending", async () => {
    await api("/api/saved-replies", "POST", {
      name: `Welcome ${suffix}`,
      body: "Hi {{first_name}}, {{agent_name}} from {{company}} here.",
    });
    await api("/api/saved-replies", "POST", { name: `Refund policy ${suffix}`, body: "Refunds take 5 days." });
    const contact = uniqueNumber();
    await post("contact_created", { phone: contact, first_name: "Linus", last_name: "Pauling" });
    const { id } = await thread("Hello there", contact);

    const page = ui.page;
    await openThread(page, id, "Hello there");
    const composer = page.getByTestId("composer");
    await composer.click();
    await composer.pressSequentially(`/welc${suffix.slice(0, 2)}`);
    await page.getByRole("option", { name: new RegExp(`Welcome ${suffix}`) }).waitFor();
    await screenshot(page, "saved-reply-picker-light");
    await composer.press("Enter");
    await expect.poll(() => composer.inputValue()).toBe("Hi Linus, Test Member from {{company}} here.");
    // The empty variable is selected, ready to be typed over; sending it as is is refused.
    await expect
      .poll(() => composer.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd)))
      .toBe("{{company}}");
    await composer.press("End");
    await composer.press("Enter");
    await page.getByTestId("unfilled-variables").waitFor();
    expect(await page.getByTestId("unfilled-variables").textContent()).toContain("{{company}}");
    expect(await testDb().message.count({ where: { conversationId: id, direction: "outbound" } })).toBe(0);

    await composer.fill("Hi Linus, Test Member from Acme here.");
    await composer.press("Enter");
    await expect
      .poll(() =>
        testDb().message.count({
          where: { conversationId: id, direction: "outbound", content: "Hi Linus, Test Member from Acme here." },
        }),
      )
      .toBe(1);
    expect(await page.getByTestId("unfilled-variables").count()).toBe(0);

    const dark = await ui.open({ colorScheme: "dark" });
    await openThread(dark.page, id, "Hello there");
    const darkComposer = dark.page.getByTestId("composer");
    await darkComposer.click();
    await darkComposer.pressSequentially("/");
    await dark.page.getByRole("option", { name: new RegExp(`Refund policy ${suffix}`) }).waitFor();
    await dark.page.keyboard.press("ArrowDown");
    expect(await seriousViolations(dark.page)).toEqual([]);
    await screenshot(dark.page, "saved-reply-picker-dark");
    await dark.page.keyboard.press("Escape");
    await expect.poll(() => dark.page.getByRole("listbox", { name: "Saved replies" }).count()).toBe(0);
    await dark.context.close();
  });
});

describe("collision", () => {
  it("shows the other member viewing, then replying, in the thread header", async () => {
    const { id } = await thread("Can someone help?");
    const mine = ui.page;
    await openThread(mine, id, "Can someone help?");
    const theirs = await ui.open({ asUserId: grace.id });
    await openThread(theirs.page, id, "Can someone help?");

    const line = mine.getByTestId("presence-line");
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toBe(`Grace ${suffix} is viewing`);
    // Grace sees the test member too.
    await expect
      .poll(() => theirs.page.getByTestId("presence-line").textContent(), { timeout: 10_000 })
      .toBe("Test Member is viewing");

    await theirs.page.getByTestId("composer").pressSequentially("On it");
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toBe(`Grace ${suffix} is replying…`);
    await screenshot(mine, "thread-collision-light");

    // Leaving the page says "left": the line goes at once, not when the heartbeat expires.
    await theirs.page.goto("about:blank");
    await expect.poll(() => line.count(), { timeout: 10_000 }).toBe(0);
    await theirs.context.close();
  });
});
