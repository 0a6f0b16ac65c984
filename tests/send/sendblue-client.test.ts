import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeSendblue } from "@/lib/sendblue/fake-sendblue";
import { createSendblueClient, SendblueError } from "@/lib/sendblue/sendblue-client";

const fake = await startFakeSendblue({ keyId: "kid", secret: "sec", delayMs: 10 });
const client = createSendblueClient({ baseUrl: fake.url, keyId: "kid", secret: "sec" });
afterAll(() => fake.close());

describe("Sendblue client against the stand-in", () => {
  it("sends with Sendblue's headers and body, and reads the queued message", async () => {
    const res = await client.sendMessage({
      number: "+15550001234",
      from_number: "+15122164639",
      content: "hi",
      send_style: "slam",
    });
    expect(res).toMatchObject({ status: "QUEUED", message_handle: expect.any(String) });
    expect(fake.calls.at(-1)).toEqual({
      path: "/api/send-message",
      body: { number: "+15550001234", from_number: "+15122164639", content: "hi", send_style: "slam" },
      at: expect.any(Number),
    });
  });

  it("uses send-group-message for groups", async () => {
    await client.sendMessage({ group_id: "g1", from_number: "+15122164639", content: "all" });
    expect(fake.calls.at(-1)?.path).toBe("/api/send-group-message");
  });

  it.each([
    ["+15550000000", 4002, false],
    ["+15550004290", 4001, true],
  ])("maps error codes: %s → %s (retryable %s)", async (number, code, retryable) => {
    const error = await client.sendMessage({ number, from_number: "+1512", content: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendblueError);
    expect(error).toMatchObject({ sendblueCode: String(code), retryable, status: 502, code: `sendblue_${code}` });
  });

  it("reports 4000 validation errors and wrong credentials as not retryable", async () => {
    const missing = await client.sendMessage({ from_number: "+1512", content: "x" } as never).catch((e: unknown) => e);
    expect(missing).toMatchObject({ sendblueCode: "4000", retryable: false });
    const wrong = createSendblueClient({ baseUrl: fake.url, keyId: "kid", secret: "nope" });
    expect(await wrong.markRead({ number: "+1", from_number: "+2" }).catch((e: unknown) => e)).toMatchObject({
      httpStatus: 401,
      retryable: false,
    });
  });

  it("maps 5000 and 10001 server errors", async () => {
    const server = http.createServer((req, res) => {
      const code = req.url?.includes("typing") ? 10001 : 5000;
      res.writeHead(code === 5000 ? 500 : 400, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          status: "ERROR",
          error_code: code,
          error_message: code === 5000 ? "Internal error" : "Failed to send",
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const c = createSendblueClient({
      baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      keyId: "k",
      secret: "s",
    });
    expect(await c.markRead({ number: "+1", from_number: "+2" }).catch((e: unknown) => e)).toMatchObject({
      sendblueCode: "5000",
      httpStatus: 500,
    });
    expect(
      await c.sendTypingIndicator({ number: "+1", from_number: "+2", state: "start" }).catch((e: unknown) => e),
    ).toMatchObject({ sendblueCode: "10001" });
    server.close();
  });

  it("times out without claiming the send failed for sure", async () => {
    const server = http.createServer(() => {});
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const slow = createSendblueClient(
      { baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, keyId: "k", secret: "s" },
      { timeoutMs: 200 },
    );
    const error = await slow.sendMessage({ number: "+1", from_number: "+2", content: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, sendblueCode: null });
    expect((error as Error).message).toMatch(/may or may not have been sent/);
    server.closeAllConnections();
    server.close();
  });

  it("uploads a file as multipart and returns its media_url", async () => {
    const url = await client.uploadFile(new Blob([Buffer.from("PNGDATA")], { type: "image/png" }), "photo.png");
    expect(url).toMatch(/\/files\/.+\/photo\.png$/);
    expect(await (await fetch(url)).text()).toBe("PNGDATA");
  });
});
