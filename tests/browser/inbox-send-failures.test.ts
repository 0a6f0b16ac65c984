import type { BrowserContext, Page, Request, Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { startTcpProxy } from "../support/tcp-proxy";
import { baseUrl, screenshot, testMember, TEST_MEMBER_PASSWORD, useBrowser } from "./harness";
import { conversationIdFor, seedThread, startMediaHost, uniqueLine, uniqueNumber } from "./inbox-fixtures";

// Sends that fail must look failed, keep their text and offer Retry; the inbox says
// "Reconnecting…" when it cannot reach its server; and no request is made that is known
// to fail. The browser talks to the server through a TCP proxy the tests can cut, which is
// what a server that is down (or restarting) looks like from a tab.

const chrome = useBrowser();
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let proxyUrl: string;
let failedRequests: string[];
let proxyCut = false;

beforeAll(async () => {
  const target = new URL(baseUrl());
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  proxyUrl = `http://127.0.0.1:${proxy.port}`;
});
afterAll(async () => {
  await proxy?.close();
});
beforeEach(() => {
  failedRequests = [];
});
afterEach(async () => {
  // A test that failed while the server was "down" must not take the next ones with it.
  if (proxyCut) await restoreProxy();
});

async function cutProxy() {
  proxyCut = true;
  await proxy.cut();
}

async function restoreProxy() {
  proxyCut = false;
  await proxy.restore();
}

/** Records every GET the page makes that fails or answers ≥ 400 (requests known to fail). */
function watchRequests(page: Page) {
  page.on("response", (res: Response) => {
    if (res.request().method() === "GET" && res.status() >= 400)
      failedRequests.push(`${res.status()} ${new URL(res.url()).pathname}`);
  });
  page.on("requestfailed", (req: Request) => {
    // Aborted by navigation (a reload closing the event stream) is not a failure.
    if (req.method() === "GET" && !/ERR_ABORTED/.test(req.failure()?.errorText ?? ""))
      failedRequests.push(`failed ${new URL(req.url()).pathname}`);
  });
}

async function openThread(
  contact: string,
  options: { colorScheme?: "light" | "dark"; text?: string } = {},
): Promise<{ context: BrowserContext; page: Page; id: number }> {
  const line = uniqueLine();
  const text = options.text ?? "Is the order on its way?";
  await seedThread(line, contact, [{ text }]);
  const id = await conversationIdFor(line);
  const { context, page } = await chrome.open({ colorScheme: options.colorScheme });
  watchRequests(page);
  await page.goto(`${proxyUrl}/?c=${id}`);
  await page.waitForSelector('[data-live-mode="live"]', { timeout: 15_000 });
  await page.getByTestId("bubble").filter({ hasText: text }).waitFor();
  return { context, page, id };
}

const statusOf = (page: Page, text: string) =>
  page
    .locator("[data-message-handle]")
    .filter({ has: page.getByTestId("bubble").filter({ hasText: text }) })
    .getByTestId("message-status");

describe("a send that cannot reach the server", () => {
  it("turns into “Not sent — Retry / Edit” within seconds, says Reconnecting…, survives a reload, and Retry sends it once", async () => {
    const { context, page, id } = await openThread(uniqueNumber());
    const composer = page.getByTestId("composer");
    await composer.fill("Yes, it ships today.");
    await cutProxy();
    const started = Date.now();
    await composer.press("Enter");
    const status = statusOf(page, "Yes, it ships today.");
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/Not sent/);
    expect(Date.now() - started).toBeLessThan(8000);
    const bubble = page.locator("[data-message-handle]").filter({ hasText: "Yes, it ships today." });
    expect(await bubble.getByTestId("bubble").getAttribute("data-failed")).toBe("true");
    await bubble.getByRole("button", { name: "Retry" }).waitFor();
    await bubble.getByRole("button", { name: "Edit" }).waitFor();
    // The thread and the composer both say it plainly, not only a dot.
    await page.getByTestId("connection-notice").filter({ hasText: "Reconnecting…" }).waitFor({ timeout: 10_000 });
    await page.getByTestId("composer-connection").filter({ hasText: "Reconnecting…" }).waitFor();
    await screenshot(page, "inbox-send-not-sent-light");

    // Back up: the notice goes; a reload still shows the unsent message, and Retry sends it once.
    await restoreProxy();
    await page.getByTestId("connection-notice").waitFor({ state: "detached", timeout: 15_000 });
    await page.reload();
    await page.waitForSelector('[data-live-mode="live"]', { timeout: 15_000 });
    await expect
      .poll(() => statusOf(page, "Yes, it ships today.").textContent(), { timeout: 10_000 })
      .toMatch(/Not sent/);
    await page
      .locator("[data-message-handle]")
      .filter({ hasText: "Yes, it ships today." })
      .getByRole("button", { name: "Retry" })
      .click();
    await expect
      .poll(() => statusOf(page, "Yes, it ships today.").textContent(), { timeout: 15_000 })
      .toBe("Delivered");
    const stored = await testDb().message.findMany({ where: { conversationId: id, direction: "outbound" } });
    expect(stored.map((m) => m.content)).toEqual(["Yes, it ships today."]);
    // Accepted by the server: nothing is left to restore after another reload.
    await page.reload();
    await page.waitForSelector('[data-live-mode="live"]', { timeout: 15_000 });
    await page.getByTestId("bubble").filter({ hasText: "Yes, it ships today." }).waitFor();
    expect(await page.getByText("Not sent").count()).toBe(0);
    expect(await page.getByTestId("composer").inputValue()).toBe("");
    await context.close();
  }, 120_000);

  it("a request that hangs becomes Not sent; Edit puts the text back in the composer; a typed draft survives a reload", async () => {
    const { context, page } = await openThread(uniqueNumber(), { colorScheme: "dark" });
    await page.route("**/api/conversations/*/replies", () => {
      // Never answered: a server that accepted the connection and stalled.
    });
    const composer = page.getByTestId("composer");
    await composer.fill("Your refund is on its way.");
    await composer.press("Enter");
    await expect.poll(() => composer.inputValue()).toBe("");
    await expect
      .poll(() => statusOf(page, "Your refund is on its way.").textContent(), { timeout: 15_000 })
      .toMatch(/Not sent/);
    await screenshot(page, "inbox-send-not-sent-dark");
    await page
      .locator("[data-message-handle]")
      .filter({ hasText: "Your refund is on its way." })
      .getByRole("button", { name: "Edit" })
      .click();
    expect(await composer.inputValue()).toBe("Your refund is on its way.");
    expect(await page.getByTestId("bubble").filter({ hasText: "Your refund is on its way." }).count()).toBe(0);
    await page.unroute("**/api/conversations/*/replies");

    await composer.fill("A draft I have not sent");
    await page.reload();
    await page.waitForSelector('[data-live-mode="live"]', { timeout: 15_000 });
    await expect.poll(() => page.getByTestId("composer").inputValue()).toBe("A draft I have not sent");
    await context.close();
  });

  it("a session that expired asks to sign in and comes back to the thread with the draft", async () => {
    const { context, page, id } = await openThread(uniqueNumber());
    await context.clearCookies();
    const composer = page.getByTestId("composer");
    await composer.fill("Following up on your ticket");
    await composer.press("Enter");
    const prompt = page.getByTestId("session-expired");
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.textContent()).not.toMatch(/Bearer|Authorization/);
    expect(await composer.inputValue()).toBe("Following up on your ticket");
    await screenshot(page, "inbox-send-session-expired-light");
    await prompt.getByRole("link", { name: /sign in/i }).click();
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel("Email").fill((await testMember()).email);
    await page.getByLabel("Password").fill(TEST_MEMBER_PASSWORD);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL((u) => u.pathname === "/" && u.searchParams.get("c") === String(id));
    await expect
      .poll(() => page.getByTestId("composer").inputValue(), { timeout: 10_000 })
      .toBe("Following up on your ticket");
    await context.close();
  });
});

describe("sends Sendblue fails", () => {
  it("a send that fails later (…1111) looks failed, says why and offers Retry", async () => {
    const { context, page, id } = await openThread(`+1555${Math.floor(Math.random() * 900 + 100)}1111`, {
      colorScheme: "dark",
    });
    const composer = page.getByTestId("composer");
    await composer.fill("Can you confirm the address?");
    await composer.press("Enter");
    const status = statusOf(page, "Can you confirm the address?");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Failed to send message/);
    const bubble = page.locator("[data-message-handle]").filter({ hasText: "Can you confirm the address?" });
    expect(await bubble.getByTestId("bubble").getAttribute("data-failed")).toBe("true");
    await screenshot(page, "inbox-send-failed-dark");
    const reply = () => testDb().message.findFirstOrThrow({ where: { conversationId: id, direction: "outbound" } });
    const first = await reply();
    await bubble.getByRole("button", { name: "Retry" }).click();
    // Sent again (the stand-in fails it again): Sendblue's new handle replaced the first one.
    await expect.poll(async () => (await reply()).handle, { timeout: 15_000 }).not.toBe(first.handle);
    // The second attempt's own bubble (until it arrives, the first failure is still on show).
    const retried = page.locator(`[data-message-handle="${(await reply()).handle}"]`).getByTestId("message-status");
    await expect.poll(() => retried.textContent(), { timeout: 15_000 }).toMatch(/Failed to send message/);
    expect(failedRequests).toEqual([]);
    await context.close();
  });

  it("an answer read before the failure but arriving after it does not bring “Sending…” back", async () => {
    const { context, page } = await openThread(`+1555${Math.floor(Math.random() * 900 + 100)}1111`);
    // The new-message event's read of the reply (by its placeholder) is answered only once the
    // failure shows: what a loaded server does to one request among several in flight.
    let release: (() => Promise<void>) | undefined;
    const held = new Promise<string>((resolve) => {
      void page.route("**/api/messages/pending*", async (route) => {
        if (release) return route.continue();
        const response = await route.fetch();
        release = () => route.fulfill({ response });
        resolve(((await response.json()) as { status: string }).status);
      });
    });
    const composer = page.getByTestId("composer");
    await composer.fill("Is this the right suite?");
    await composer.press("Enter");
    const status = statusOf(page, "Is this the right suite?");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Failed to send message/);
    // Read while Sendblue had not failed it yet (SENDING, or QUEUED once its handle was in).
    expect(await held).not.toMatch(/ERROR|FAILED/);
    const answered = page.waitForEvent("requestfinished", (r) => r.url().includes("/api/messages/pending"));
    await release!();
    await answered;
    // The answer is merged in the next task or two; let a few frames pass, then look.
    await page.evaluate(
      () => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 50)),
    );
    expect(await status.textContent()).toMatch(/Failed to send message/);
    await context.close();
  });

  it("a refused send (…0000) shows its reason once, never a pending: id, in red, light", async () => {
    const { context, page } = await openThread(`+1555${Math.floor(Math.random() * 900 + 100)}0000`);
    const composer = page.getByTestId("composer");
    await composer.fill("Hello?");
    await composer.press("Enter");
    const status = statusOf(page, "Hello?");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/blacklisted/i);
    const thread = page.getByTestId("thread-scroller");
    const bubble = page.locator("[data-message-handle]").filter({ hasText: "Hello?" });
    await bubble.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => bubble.getByRole("button", { name: "Retry" }).isEnabled(), { timeout: 10_000 }).toBe(true);
    const countBlacklisted = async () => ((await thread.textContent()) ?? "").match(/blacklisted/gi)?.length ?? 0;
    expect(await countBlacklisted()).toBe(1);
    await screenshot(page, "inbox-send-failed-light");
    await bubble.getByTestId("bubble").click();
    await page
      .getByTestId("status-history")
      .getByText(/blacklisted/i)
      .first()
      .waitFor();
    expect(await page.getByTestId("thread-scroller").textContent()).not.toContain("pending:");
    expect(await page.locator("body").textContent()).not.toContain("pending:");
    expect(failedRequests).toEqual([]);
    await context.close();
  });
});

describe("no request known to fail", () => {
  it("a slow send never asks for its placeholder (GET /api/messages/pending:…)", async () => {
    const { context, page } = await openThread(uniqueNumber());
    // Hold the live refetch of a placeholder until Sendblue has answered and the reply has its real handle.
    await page.route("**/api/messages/pending*", async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const composer = page.getByTestId("composer");
    await composer.fill("On it!");
    await composer.press("Enter");
    await expect.poll(() => statusOf(page, "On it!").textContent(), { timeout: 15_000 }).toBe("Delivered");
    await new Promise((r) => setTimeout(r, 2000));
    expect(failedRequests).toEqual([]);
    await context.close();
  });

  it("a contact card whose copy already failed once is not fetched through /vcard", async () => {
    const host = await startMediaHost({});
    try {
      const line = uniqueLine();
      await seedThread(line, uniqueNumber(), [
        { text: "Here's my colleague", media: host.url("/cards/Sam%20Lee.vcf") },
      ]);
      const id = await conversationIdFor(line);
      // The media mirror tried once and will try again later: the link answered 404.
      await testDb().mediaAttachment.updateMany({
        where: { message: { conversationId: id } },
        data: {
          mirrorState: "pending",
          attempts: 1,
          lastError: "The attachment host answered 404",
          nextAttemptAt: new Date(Date.now() + 3600_000),
        },
      });
      const { context, page } = await chrome.open();
      watchRequests(page);
      await page.goto(`${proxyUrl}/?c=${id}`);
      await page.getByTestId("bubble").filter({ hasText: "Here's my colleague" }).waitFor();
      await page.getByTestId("vcard").waitFor();
      await new Promise((r) => setTimeout(r, 1500));
      expect(failedRequests).toEqual([]);
      await context.close();
    } finally {
      await host.close();
    }
  });
});
