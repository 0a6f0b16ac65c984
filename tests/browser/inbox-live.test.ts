import { describe, expect, it } from "vitest";
import { receiveBody, statusBody } from "../support/webhooks";
import { baseUrl, useBrowser } from "./harness";
import {
  conversationIdFor,
  openInbox,
  post,
  seedThread,
  uniqueHandle,
  uniqueLine,
  uniqueNumber,
} from "./inbox-fixtures";

// Live updates end to end: webhook POST → Postgres NOTIFY → SSE → SWR cache → screen.

const ui = useBrowser();

describe("inbox live updates", () => {
  it("shows a new conversation within a second of the webhook", async () => {
    await openInbox(ui.page);
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const contact = uniqueNumber();
      const text = `Live hello ${i} ${uniqueHandle()}`;
      const started = performance.now();
      await post("receive", receiveBody({ number: contact, sendblue_number: uniqueLine(), content: text }));
      await ui.page.getByText(text).first().waitFor({ timeout: 5000 });
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)]!;
    console.log(
      `[inbox-live] webhook POST → visible in list: median ${median.toFixed(0)} ms, max ${samples.at(-1)!.toFixed(0)} ms (n=${samples.length})`,
    );
    // A measurement, not an assertion: the target (under 1 s) is reported, never timed in CI.
  });

  it("moves the status under the latest outbound message from Sent to Delivered", async () => {
    const line = uniqueLine();
    const contact = uniqueNumber();
    await seedThread(line, contact, [{ text: "Is the package still coming today?" }]);
    const id = await conversationIdFor(line);
    await openInbox(ui.page, `?c=${id}`);
    const handle = uniqueHandle();
    const body = statusBody({
      number: contact,
      sendblue_number: line,
      message_handle: handle,
      content: "Yes, it's out for delivery",
      status: "SENT",
    });
    await post("outbound", body);
    const status = ui.page.getByTestId("message-status");
    await expect.poll(() => status.textContent(), { timeout: 5000 }).toBe("Sent");
    await post("outbound", { ...body, status: "DELIVERED", date_updated: new Date().toISOString() });
    await expect.poll(() => status.textContent(), { timeout: 5000 }).toBe("Delivered");
    // Full history of the message on click.
    await ui.page.getByTestId("bubble").filter({ hasText: "Yes, it's out for delivery" }).click();
    const history = ui.page.getByTestId("status-history");
    await history.waitFor();
    await expect.poll(() => history.textContent()).toMatch(/SENT.*DELIVERED/s);
  });

  it("shows a typing bubble that goes away on is_typing false", async () => {
    const line = uniqueLine();
    const contact = uniqueNumber();
    await seedThread(line, contact, [{ text: "One sec, checking" }]);
    const id = await conversationIdFor(line);
    await openInbox(ui.page, `?c=${id}`);
    const typing = { number: contact, from_number: line, sendblue_number: line };
    await post("typing_indicator", { ...typing, is_typing: true, timestamp: new Date().toISOString() });
    await ui.page.getByTestId("typing-bubble").waitFor({ timeout: 2000 });
    await ui.page.locator(`[data-conversation-id="${id}"] [data-testid="row-typing"]`).waitFor({ timeout: 2000 });
    await post("typing_indicator", { ...typing, is_typing: false, timestamp: new Date().toISOString() });
    await ui.page.getByTestId("typing-bubble").waitFor({ state: "detached", timeout: 2000 });
  });

  it("fades a typing bubble after 15 s without an update (fake clock)", async () => {
    const line = uniqueLine();
    const contact = uniqueNumber();
    await seedThread(line, contact, [{ text: "Let me think about it" }]);
    const id = await conversationIdFor(line);
    const clockPage = await ui.context.newPage();
    await clockPage.clock.install();
    await openInbox(clockPage, `?c=${id}`);
    await post("typing_indicator", {
      number: contact,
      from_number: line,
      is_typing: true,
      timestamp: new Date().toISOString(),
    });
    await clockPage.getByTestId("typing-bubble").waitFor({ timeout: 3000 });
    await clockPage.clock.fastForward(10_000);
    expect(await clockPage.getByTestId("typing-bubble").count()).toBe(1);
    await clockPage.clock.fastForward(6_000);
    await clockPage.getByTestId("typing-bubble").waitFor({ state: "detached", timeout: 2000 });
    await clockPage.close();
  });

  it("shows line blocked events as a banner and a system line", async () => {
    const line = uniqueLine();
    const contact = uniqueNumber();
    await seedThread(line, contact, [{ text: "Are you there?" }]);
    const id = await conversationIdFor(line);
    await openInbox(ui.page, `?c=${id}`);
    await post("line_blocked", { sendblue_number: line, timestamp: new Date().toISOString() });
    await ui.page.getByTestId("blocked-banner").waitFor({ timeout: 3000 });
    await ui.page.getByTestId("line-event").getByText(`Line ${line} was blocked`).waitFor({ timeout: 3000 });
    await post("call_log", {
      number: contact,
      sendblue_number: line,
      disposition: "connected",
      duration: 95,
      transcript: "Hi, calling about the order.",
    });
    await ui.page.getByTestId("call-log").getByText("Connected · 1:35").waitFor({ timeout: 3000 });
    await ui.page.getByText("Transcript").click();
    await ui.page.getByText("Hi, calling about the order.").waitFor();
  });

  it("falls back to polling when the event stream is unavailable", async () => {
    const { context: blocked, page: p } = await ui.open();
    await blocked.route("**/api/events/stream", (route) => route.abort());
    await p.goto(baseUrl());
    await p.waitForSelector('[data-live-mode="polling"]', { timeout: 10_000 });
    const text = `Polled hello ${uniqueHandle()}`;
    await post("receive", receiveBody({ number: uniqueNumber(), sendblue_number: uniqueLine(), content: text }));
    await p.getByText(text).first().waitFor({ timeout: 8000 });
    await blocked.close();
  });
});
