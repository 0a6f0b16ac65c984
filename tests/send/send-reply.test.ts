import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { getMessageWithHistory } from "@/lib/read/list-messages";
import { retryReply, sendReply } from "@/lib/send/send-reply";
import { sendReaction } from "@/lib/send/send-reaction";
import { testDb } from "../support/db";
import { useSendblueStandIn } from "../support/sendblue-stand-in";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

const { fake, client, callback } = await useSendblueStandIn("kid");

async function conversationWith(number: string) {
  const line = uniqueNumber();
  await callWebhook("receive", receiveBody({ number, sendblue_number: line, to_number: line }));
  return testDb().conversation.findFirstOrThrow({ where: { contactNumber: number }, select: { id: true } });
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}

const reply = (conversationId: number, extra: Partial<Parameters<typeof sendReply>[2]> = {}) =>
  sendReply(testDb(), client, {
    conversationId,
    clientId: randomUUID(),
    content: "On my way",
    userId: null,
    statusCallbackUrl: callback,
    ...extra,
  });

describe("replying through Sendblue", () => {
  it("stores the reply as sending, takes Sendblue's handle, then follows the status webhooks to DELIVERED", async () => {
    const number = uniqueNumber();
    const { id } = await conversationWith(number);
    const result = await reply(id);
    expect(result).toMatchObject({ status: "QUEUED", handle: expect.any(String) });
    const sent = fake.calls.at(-1)!.body;
    expect(sent).toMatchObject({ number, content: "On my way", status_callback: callback });
    const final = await until(
      () => testDb().message.findUniqueOrThrow({ where: { handle: result.handle }, include: { statusHistory: true } }),
      (m) => m.status === "DELIVERED" && m.statusHistory.length >= 3,
    );
    expect(final.status).toBe("DELIVERED");
    expect(final.statusHistory.map((s) => s.status).sort()).toEqual(["DELIVERED", "QUEUED", "SENT"]);
    expect(await testDb().message.count({ where: { conversationId: id, direction: "outbound" } })).toBe(1);
  });

  it("sends once for the same clientId (double click, retried request)", async () => {
    const { id } = await conversationWith(uniqueNumber());
    const clientId = randomUUID();
    const before = fake.calls.length;
    const results = await Promise.all([reply(id, { clientId }), reply(id, { clientId }), reply(id, { clientId })]);
    expect(fake.calls.length - before).toBe(1);
    expect(new Set(results.map((r) => r.handle)).size).toBeLessThanOrEqual(2); // the loser may still see the placeholder
    expect(await testDb().message.count({ where: { clientId } })).toBe(1);
  });

  it("waits out a 429 instead of failing", async () => {
    const { id } = await conversationWith(`+1555${Math.floor(Math.random() * 900 + 100)}4290`);
    const result = await reply(id);
    expect(result.status).toBe("QUEUED");
  });

  it("records an immediate refusal with the reason, and a retry after a fix", async () => {
    const { id } = await conversationWith(`+1555${Math.floor(Math.random() * 900 + 100)}0000`);
    const result = await reply(id);
    expect(result).toMatchObject({ status: "FAILED", error: { code: "4002" } });
    const failed = await testDb().message.findUniqueOrThrow({ where: { handle: result.handle } });
    expect(failed).toMatchObject({
      status: "FAILED",
      errorCode: "4002",
      errorMessage: expect.stringMatching(/blacklisted/i),
    });
    // still blacklisted: the retry fails again, and only a FAILED message can be retried
    expect((await retryReply(testDb(), client, result.handle, callback)).status).toBe("FAILED");
    await expect(retryReply(testDb(), client, "pending:nope", callback)).rejects.toMatchObject({ status: 404 });
  });

  it("merges the reply into the row a status webhook created before Sendblue's answer came back", async () => {
    const number = `+1555${Math.floor(Math.random() * 900 + 100)}3333`;
    const { id } = await conversationWith(number);
    const user = await createUser(testDb(), {
      email: `racer-${randomUUID()}@inbox.test`,
      password: "correct horse battery staple",
    });
    const clientId = randomUUID();
    const result = await reply(id, { clientId, userId: user.id, sendStyle: "slam" });
    // The SENT callback was stored (and answered) before the send returned: its row is the message.
    const final = await until(
      () =>
        testDb().message.findUniqueOrThrow({
          where: { handle: result.handle },
          include: { statusHistory: { orderBy: { occurredAt: "asc" } } },
        }),
      (m) => m.status === "DELIVERED",
    );
    expect(final).toMatchObject({
      clientId,
      sentByUserId: user.id,
      sendStyle: "slam",
      content: "On my way",
      direction: "outbound",
    });
    expect(final.statusHistory.map((s) => s.status)).toEqual(["QUEUED", "SENT", "DELIVERED"]);
    expect(await testDb().message.count({ where: { conversationId: id, direction: "outbound" } })).toBe(1);
    expect(await testDb().message.count({ where: { clientId } })).toBe(1);
    const conversation = await testDb().conversation.findUniqueOrThrow({ where: { id } });
    expect(conversation.lastMessageId).toBe(final.id);
  });

  it("shows a failure reported later by a status webhook", async () => {
    const { id } = await conversationWith(`+1555${Math.floor(Math.random() * 900 + 100)}1111`);
    const result = await reply(id);
    const m = await until(
      () => testDb().message.findUniqueOrThrow({ where: { handle: result.handle } }),
      (x) => x.status === "ERROR",
    );
    expect(m).toMatchObject({ status: "ERROR", errorCode: "10001" });
    // ERROR (like FAILED) can be retried: sent again under Sendblue's new handle, error cleared.
    const before = fake.calls.length;
    const again = await retryReply(testDb(), client, result.handle, callback);
    expect(again.status).toBe("QUEUED");
    expect(fake.calls.length - before).toBe(1);
    // By clientId: a status webhook for the new handle may have beaten the answer (then its row is the reply).
    const retried = await testDb().message.findUniqueOrThrow({ where: { clientId: m.clientId! } });
    expect(retried).toMatchObject({ handle: again.handle, content: "On my way" });
    expect(retried.handle).not.toBe(result.handle);
  }, 60_000);

  it("follows a retried reply's statuses again, though its first attempt recorded the same ones", async () => {
    const { id } = await conversationWith(`+1555${Math.floor(Math.random() * 900 + 100)}1111`);
    const result = await reply(id);
    await until(
      () => testDb().message.findUniqueOrThrow({ where: { handle: result.handle } }),
      (x) => x.status === "ERROR",
    );
    // The stand-in's callbacks for the second attempt go nowhere; they are posted here, after
    // the answer, as they arrive when they do not race it.
    const again = await retryReply(testDb(), client, result.handle, "http://127.0.0.1:9/status");
    expect(again.status).toBe("QUEUED");
    for (const step of [
      { status: "SENT" },
      { status: "ERROR", error_code: 10001, error_message: "Failed to send message" },
    ]) {
      const res = await callWebhook("status", statusBody({ message_handle: again.handle, ...step }));
      expect(res.body).toMatchObject({ outcome: "processed" });
    }
    expect(await testDb().message.findUniqueOrThrow({ where: { handle: again.handle } })).toMatchObject({
      status: "ERROR",
      errorCode: "10001",
    });
  });

  it("finds a reply by its placeholder handle after Sendblue's handle replaced it (live events name the placeholder)", async () => {
    const { id } = await conversationWith(uniqueNumber());
    const clientId = randomUUID();
    const result = await reply(id, { clientId });
    expect(result.handle.startsWith("pending:")).toBe(false);
    const byPlaceholder = await getMessageWithHistory(testDb(), `pending:${clientId}`);
    expect(byPlaceholder).toMatchObject({ handle: result.handle, clientId, content: "On my way" });
    expect(await getMessageWithHistory(testDb(), `pending:${randomUUID()}`)).toBeNull();
  });

  it("sends a tapback and shows it on the target message, once", async () => {
    const number = uniqueNumber();
    await conversationWith(number);
    const target = await testDb().message.findFirstOrThrow({ where: { conversation: { contactNumber: number } } });
    const clientId = randomUUID();
    await sendReaction(testDb(), client, { handle: target.handle, reaction: "love", clientId });
    await sendReaction(testDb(), client, { handle: target.handle, reaction: "love", clientId });
    expect(
      fake.calls.filter((c) => c.path === "/api/send-reaction" && c.body.message_handle === target.handle),
    ).toHaveLength(1);
    expect(await testDb().reaction.findMany({ where: { messageId: target.id } })).toEqual([
      expect.objectContaining({ reaction: "love", direction: "outbound" }),
    ]);
  });

  it("passes a reaction's part_index on to Sendblue and keeps it; the stand-in refuses a bad one as Sendblue documents", async () => {
    const number = uniqueNumber();
    await conversationWith(number);
    const target = await testDb().message.findFirstOrThrow({ where: { conversation: { contactNumber: number } } });
    await sendReaction(testDb(), client, {
      handle: target.handle,
      reaction: "like",
      clientId: randomUUID(),
      partIndex: 1,
    });
    expect(
      fake.calls
        .filter((c) => c.path === "/api/send-reaction" && c.body.message_handle === target.handle)
        .map((c) => c.body.part_index),
    ).toEqual([1]);
    const [row] = await testDb().reaction.findMany({ where: { messageId: target.id } });
    expect(row).toMatchObject({ reaction: "like", partIndex: 1 });
    const view = await getMessageWithHistory(testDb(), target.handle);
    expect(view!.reactions).toEqual([expect.objectContaining({ reaction: "like", partIndex: 1 })]);
    // Without one, none is sent (Sendblue defaults to part 0).
    await sendReaction(testDb(), client, { handle: target.handle, reaction: "love", clientId: randomUUID() });
    expect(
      fake.calls.filter((c) => c.path === "/api/send-reaction" && c.body.message_handle === target.handle).at(-1)!.body,
    ).not.toHaveProperty("part_index");
    await expect(
      client.sendReaction({
        from_number: "+15550001111",
        message_handle: target.handle,
        reaction: "love",
        part_index: -1,
      }),
    ).rejects.toThrow(/part_index.*non-negative integer/);
  });
});
