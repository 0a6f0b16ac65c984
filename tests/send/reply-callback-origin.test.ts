import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as replyPost } from "@/app/api/conversations/[id]/replies/route";
import { env, resetEnvCache } from "@/lib/env";
import { repliesDisabledReason } from "@/lib/send/replies-disabled-reason";
import { startFakeSendblue } from "@/lib/sendblue/fake-sendblue";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";
import { testDb } from "../support/db";
import { startWebhookReceiver } from "../support/inbox-http";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// A reply's status_callback carries the status token; where it points must come from
// PUBLIC_URL, never from the Host / X-Forwarded-Host the request names.

const receiver = await startWebhookReceiver();
const fake = await startFakeSendblue({ keyId: "origin-kid", secret: "origin-sec", delayMs: 5 });
const saved = { ...process.env };

beforeAll(() => {
  process.env.SENDBLUE_API_BASE_URL = fake.url;
  process.env.SENDBLUE_API_KEY_ID = "origin-kid";
  process.env.SENDBLUE_API_SECRET = "origin-sec";
});
afterEach(() => {
  delete process.env.PUBLIC_URL;
  resetEnvCache();
});
afterAll(async () => {
  process.env = saved;
  resetEnvCache();
  await fake.close();
  await receiver.close();
});

async function conversation() {
  const number = uniqueNumber();
  const line = uniqueNumber();
  await callWebhook("receive", receiveBody({ number, sendblue_number: line, to_number: line }));
  return testDb().conversation.findFirstOrThrow({ where: { contactNumber: number }, select: { id: true } });
}

function forgedReply(id: number) {
  const request = new Request(`http://evil.example/api/conversations/${id}/replies`, {
    method: "POST",
    headers: {
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      authorization: `Bearer ${env().INBOX_API_TOKEN}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ clientId: randomUUID(), content: "On my way" }),
  });
  return replyPost(request, { params: Promise.resolve({ id: String(id) }) });
}

describe("where a reply's status callback goes", () => {
  it("without PUBLIC_URL, refuses to send with a clear error and sends nothing to Sendblue", async () => {
    delete process.env.PUBLIC_URL;
    resetEnvCache();
    const { id } = await conversation();
    const before = fake.calls.length;
    const res = await forgedReply(id);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("public_url_not_configured");
    expect(body.error.message).toContain("PUBLIC_URL");
    expect(fake.calls.length).toBe(before);
    expect(await testDb().message.count({ where: { conversationId: id, direction: "outbound" } })).toBe(0);
    // and the composer is off, saying why
    expect(repliesDisabledReason()).toMatch(/set PUBLIC_URL/);
  });

  it("with PUBLIC_URL, points the callback there whatever Host the request named, with the derived token", async () => {
    process.env.PUBLIC_URL = receiver.base;
    resetEnvCache();
    const { id } = await conversation();
    const res = await forgedReply(id);
    expect(res.status).toBe(202);
    const sent = fake.calls.findLast((c) => c.path === "/api/send-message")!.body;
    const callback = new URL(String(sent.status_callback));
    expect(callback.origin).toBe(receiver.base);
    expect(callback.pathname).toBe("/api/webhooks/status");
    expect(callback.searchParams.get("token")).toBe(statusCallbackToken(env().SENDBLUE_WEBHOOK_SECRET!));
    expect(String(sent.status_callback)).not.toContain("evil.example");
    expect(String(sent.status_callback)).not.toContain(env().SENDBLUE_WEBHOOK_SECRET!);
    expect(repliesDisabledReason()).toBeNull();
  });
});
