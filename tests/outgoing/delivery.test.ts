import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDeliveries, recordDelivered } from "@/lib/outgoing/delivery-queue";
import { drainOutgoing, LEASE_MS } from "@/lib/outgoing/deliver";
import { EVENT_BODIES, type EventType } from "@/lib/outgoing/event-types";
import { verify } from "@/lib/outgoing/sign";
import { testDb } from "../support/db";
import { callWebhook, statusBody, uniqueHandle, uniqueNumber } from "../support/webhooks";
import { startReceiver } from "@/scripts/lib/webhook-receiver";
import { changeConversation, changeConversationIn } from "@/lib/workflow/change-conversation";
import { allowLocalReceiver, endpointFor, freshLine, inbound, makeDue, ownerId } from "./setup";

// Outgoing webhooks end to end: a change committed by ingest → a queued delivery → a signed
// POST to a local receiver, with retries, leases and per-conversation order.

const ALL: EventType[] = ["message.received", "message.sent", "message.status", "attachment.kept"];
const endpoints: number[] = [];

beforeAll(allowLocalReceiver);
afterAll(async () => {
  await testDb().webhookEndpoint.deleteMany({ where: { id: { in: endpoints } } });
});

async function setup(respond?: (body: string, n: number) => number, events: EventType[] = ALL) {
  const receiver = await startReceiver(respond);
  const line = await freshLine();
  const { endpoint, secret } = await endpointFor(line, receiver.url, events);
  endpoints.push(endpoint.id);
  return { receiver, line, endpoint, secret: secret! };
}

describe("outgoing webhooks", () => {
  it("sends each kind of event, signed, in the versioned body the OpenAPI document describes", async () => {
    const { receiver, line, endpoint, secret } = await setup();
    const contact = uniqueNumber();
    await inbound(line, contact, "Is the shop open?");
    const handle = uniqueHandle();
    await callWebhook(
      "outbound",
      statusBody({
        sendblue_number: line,
        from_number: line,
        number: contact,
        to_number: contact,
        message_handle: handle,
        status: "QUEUED",
      }),
    );
    await callWebhook(
      "status",
      statusBody({
        sendblue_number: line,
        from_number: line,
        number: contact,
        to_number: contact,
        message_handle: handle,
        status: "ERROR",
        error_code: 10002,
        error_message: "Undeliverable",
      }),
    );
    const msg = await testDb().message.findUniqueOrThrow({ where: { handle } });
    const media = await testDb().mediaAttachment.create({
      data: { messageId: msg.id, sourceUrl: "https://storage.googleapis.com/x.jpg", kind: "image" },
    });
    await testDb().mediaAttachment.update({ where: { id: media.id }, data: { mirrorState: "kept", byteSize: 10 } });

    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    const got = receiver.accepted();
    expect(got.map((r) => r.json.type)).toEqual([
      "message.received",
      "message.sent",
      "message.status",
      "attachment.kept",
    ]);
    for (const r of got) {
      expect(verify(secret, new Headers(r.headers as Record<string, string>), r.body)).toBe(true);
      expect(() => EVENT_BODIES[r.json.type as EventType].parse(r.json)).not.toThrow();
    }
    expect(got[0]!.json.data.message).toMatchObject({
      direction: "inbound",
      content: "Is the shop open?",
      sentBy: null,
    });
    expect(got[2]!.json.data.message).toMatchObject({
      status: "ERROR",
      error: { code: "10002", message: "Undeliverable" },
    });
    expect(got[3]!.json.data.attachment).toMatchObject({ id: media.id, url: `/api/media/${media.id}` });
    await receiver.close();
  });

  it("names the member who sent a message from the inbox", async () => {
    const { receiver, line, endpoint } = await setup(undefined, ["message.sent"]);
    const contact = uniqueNumber();
    await inbound(line, contact, "hi");
    const conv = await testDb().conversation.findFirstOrThrow({
      where: { contactNumber: contact, line: { number: line } },
    });
    const user = await testDb().user.create({
      data: { email: `s-${Math.random()}@example.com`, name: "Ada", passwordHash: "x" },
    });
    await testDb().message.create({
      data: {
        handle: uniqueHandle(),
        conversationId: conv.id,
        direction: "outbound",
        status: "QUEUED",
        content: "On my way",
        sentAt: new Date(),
        sentByUserId: user.id,
      },
    });
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect(receiver.accepted().map((r) => r.json.data.message.sentBy)).toEqual([{ userId: user.id, name: "Ada" }]);
    await receiver.close();
  });

  it("a receiver that fails, then succeeds, gets each event once, with the same webhook-id on every try", async () => {
    const { receiver, line, endpoint } = await setup((_, n) => (n < 3 ? 503 : 200), ["message.received"]);
    for (let i = 0; i < 3; i++) await inbound(line, uniqueNumber(), `m${i}`);
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect(receiver.accepted()).toHaveLength(0);
    const waiting = await testDb().webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(waiting.map((d) => [d.state, d.lastStatus])).toEqual([
      ["pending", 503],
      ["pending", 503],
      ["pending", 503],
    ]);
    expect(waiting.every((d) => d.nextAttemptAt > new Date())).toBe(true); // backoff, not a hot loop
    await makeDue([endpoint.id]);
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    const ok = receiver.accepted();
    expect(ok.map((r) => r.json.data.message.content).sort()).toEqual(["m0", "m1", "m2"]);
    const idsPerTry = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(idsPerTry).size).toBe(3);
    expect(
      (await testDb().webhookDelivery.findMany({ where: { endpointId: endpoint.id } })).map((d) => d.state),
    ).toEqual(["delivered", "delivered", "delivered"]);
    await receiver.close();
  });

  it("delivers a conversation's events in order: N+1 waits while N is being retried", async () => {
    let failFirst = true;
    const { receiver, line, endpoint } = await setup(
      (body) => {
        if (failFirst && JSON.parse(body).data.message.content === "first") {
          failFirst = false;
          return 500;
        }
        return 200;
      },
      ["message.received"],
    );
    const contact = uniqueNumber();
    const other = uniqueNumber();
    await inbound(line, contact, "first");
    await inbound(line, contact, "second");
    await inbound(line, other, "elsewhere");
    await inbound(line, contact, "third");
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    // Another conversation is not held up; this one's later events are.
    expect(receiver.accepted().map((r) => r.json.data.message.content)).toEqual(["elsewhere"]);
    await makeDue([endpoint.id]);
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect(receiver.accepted().map((r) => r.json.data.message.content)).toEqual([
      "elsewhere",
      "first",
      "second",
      "third",
    ]);
    await receiver.close();
  });

  it("a restart mid-delivery loses nothing: the lease runs out and another worker sends it", async () => {
    const { receiver, line, endpoint } = await setup(undefined, ["message.received"]);
    await inbound(line, uniqueNumber(), "survives a crash");
    // A worker claims it and dies before recording anything.
    const [dead] = await claimDeliveries(testDb(), {
      limit: 10,
      leaseMs: LEASE_MS,
      kind: "webhook",
      endpointIds: [endpoint.id],
    });
    expect(dead).toBeDefined();
    expect(await drainOutgoing(testDb(), { endpointIds: [endpoint.id] })).toEqual({ claimed: 0, delivered: 0 }); // still leased
    // The lease ends (as LEASE_MS after the crash would).
    await testDb().webhookDelivery.updateMany({
      where: { endpointId: endpoint.id },
      data: { nextAttemptAt: new Date(Date.now() - 1) },
    });
    expect(await drainOutgoing(testDb(), { endpointIds: [endpoint.id] })).toEqual({ claimed: 1, delivered: 1 });
    expect(receiver.accepted().map((r) => r.json.data.message.content)).toEqual(["survives a crash"]);
    // The dead worker's late write changes nothing.
    expect(await recordDelivered(testDb(), dead!, 200)).toBe(false);
    await receiver.close();
  });

  it("gives up after a day, and disables an endpoint that has failed for a day, with the reason", async () => {
    const { receiver, line, endpoint } = await setup(() => 500, ["message.received"]);
    await inbound(line, uniqueNumber(), "nobody home");
    await testDb().webhookDelivery.updateMany({
      where: { endpointId: endpoint.id },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
    });
    await testDb().webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(Date.now() - 25 * 3600_000) },
    });
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect((await testDb().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).state).toBe(
      "failed",
    );
    const after = await testDb().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(after).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/^Disabled after failing for a day: HTTP 500/),
    });
    // Disabled: new events are not queued for it.
    await inbound(line, uniqueNumber(), "later");
    expect(await testDb().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    await receiver.close();
  });
});

describe("giving way to webhook ingest", () => {
  it("sends one batch and stops while told to give way; the next pass sends the rest, in order", async () => {
    const { receiver, line, endpoint } = await setup(undefined, ["message.received"]);
    const contact = uniqueNumber();
    for (let i = 0; i < 5; i++) await inbound(line, contact, `burst ${i}`);
    const first = await drainOutgoing(testDb(), { endpointIds: [endpoint.id], batch: 2, giveWay: () => true });
    expect(first).toEqual({ claimed: 1, delivered: 1 });
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id], batch: 2, giveWay: () => false });
    expect(receiver.accepted().map((r) => r.json.data.message.content)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `burst ${i}`),
    );
    await receiver.close();
  });
});

describe("conversation.updated", () => {
  it("is sent for a member's change (with who) and for the inbox's own (a new message reopening), in order, only once committed", async () => {
    const { receiver, line, endpoint } = await setup(undefined, ["conversation.updated"]);
    const contact = uniqueNumber();
    await inbound(line, contact, "hello");
    const conv = await testDb().conversation.findFirstOrThrow({
      where: { contactNumber: contact, line: { number: line } },
    });
    const member = await testDb().user.findUniqueOrThrow({ where: { id: await ownerId() } });
    const actor = { id: member.id, name: "Ada", email: member.email };
    // A change that rolls back queues nothing.
    await testDb()
      .$transaction(async (tx) => {
        await changeConversationIn(tx, conv.id, actor, { state: "done" });
        throw new Error("rolled back");
      })
      .catch(() => {});
    await changeConversation(testDb(), conv.id, actor, { state: "done", assigneeId: member.id });
    await inbound(line, contact, "one more thing");
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    const got = receiver.accepted().map((r) => r.json);
    for (const body of got) expect(() => EVENT_BODIES["conversation.updated"].parse(body)).not.toThrow();
    expect(
      got.map((b) => [
        b.data.change.kind,
        b.data.change.to,
        b.data.change.reason ?? null,
        b.data.actor?.userId ?? null,
      ]),
    ).toEqual([
      ["state", "done", null, member.id],
      ["assignment", member.id, null, member.id],
      ["state", "open", "new_message", null],
    ]);
    expect(got[1]!.data.conversation).toMatchObject({
      id: conv.id,
      line,
      contactNumber: contact,
      state: "done",
      assignee: { userId: member.id },
    });
    expect(got[2]!.data.conversation).toMatchObject({ state: "open", snoozedUntil: null });
    await receiver.close();
  });
});
