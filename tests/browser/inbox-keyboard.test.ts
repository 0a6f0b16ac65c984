import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, pressSlashToSearch, useBrowser } from "./harness";
import { openInbox, seedThread, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Keyboard navigation on desktop and the one-column layout at phone width.

const ui = useBrowser();
const names: string[] = [];

beforeAll(async () => {
  // Three fresh conversations: the newest activity sorts first, so these are the top rows.
  for (const name of ["Kbd Carol", "Kbd Bob", "Kbd Alice"]) {
    const line = uniqueLine();
    await seedThread(line, uniqueNumber(), [{ text: `Hi, this is ${name}` }]);
    names.push(name);
  }
});

const selectedId = (url: string) => new URL(url).searchParams.get("c");

describe("inbox keyboard and layout", () => {
  it("j/k move, Enter opens, Esc goes back, / focuses search", async () => {
    const { context, page } = await ui.open();
    await openInbox(page);
    await page.getByText("Hi, this is Kbd Alice").waitFor();
    const rows = page.locator("[data-conversation-id]");
    const firstId = await rows.nth(0).getAttribute("data-conversation-id");
    const secondId = await rows.nth(1).getAttribute("data-conversation-id");

    await page.keyboard.press("j");
    expect(await page.locator("[data-focused]").getAttribute("data-conversation-id")).toBe(firstId);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    expect(await page.locator("[data-focused]").getAttribute("data-conversation-id")).toBe(secondId);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => selectedId(u.toString()) === secondId);
    await page.getByTestId("thread-title").waitFor();
    expect(await page.getByText("Hi, this is Kbd Bob").count()).toBeGreaterThan(0);

    await page.keyboard.press("Escape");
    await page.waitForURL((u) => selectedId(u.toString()) === null);

    await pressSlashToSearch(page);
    await page.keyboard.type("invoice");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/search" && u.searchParams.get("q") === "invoice");
    await context.close();
  });

  it("shows one column at phone width: list, then thread, then back", async () => {
    const { context, page } = await ui.open({ viewport: { width: 390, height: 844 } });
    await openInbox(page);
    const list = page.getByRole("region", { name: "Conversations" });
    await page.getByText("Hi, this is Kbd Alice").click();
    await page.getByTestId("thread-title").waitFor();
    expect(await list.isVisible()).toBe(false);
    const threadBox = await page.getByTestId("thread-scroller").boundingBox();
    expect(threadBox!.width).toBeGreaterThan(380);
    await page.getByRole("button", { name: "Back to conversations" }).click();
    await list.waitFor({ state: "visible" });
    expect(await page.getByTestId("thread-title").count()).toBe(0);
    const listBox = await list.boundingBox();
    expect(listBox!.width).toBeGreaterThan(380);
    expect(baseUrl()).toBeTruthy();
    await context.close();
  });

  it("tells a new user where to point Sendblue when there are no conversations", async () => {
    const { context, page } = await ui.open();
    // The per-run database already has conversations from other files; answer this one
    // request as a brand-new inbox would.
    await context.route(/\/api\/conversations\?/, (route) =>
      route.fulfill({ json: { conversations: [], nextCursor: null } }),
    );
    await context.route(/\/api\/conversations\/tabs/, (route) =>
      route.fulfill({ json: { open: 0, mine: 0, unassigned: 0, snoozed: 0, done: 0, all: 0 } }),
    );
    await openInbox(page);
    const empty = page.getByTestId("empty-inbox");
    await empty.waitFor();
    const text = (await empty.textContent()) ?? "";
    expect(text).toContain(`Point Sendblue's receive webhook at ${baseUrl()}/api/webhooks/receive`);
    // Said once, not in the list and the thread pane both.
    expect(text.split("No messages yet")).toHaveLength(2);
    expect(await page.getByText("No messages yet").count()).toBe(1);
    await context.close();
  });
});
