import { describe, expect, it } from "vitest";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { pgPool } from "@/lib/db/pg-pool";
import { IngestBatcher, type BatchItem } from "@/lib/webhooks/ingest-batcher";
import { ingestBackloggedWithin, noteIngestBacklog } from "@/lib/webhooks/ingest-pressure";
import { processWebhook } from "@/lib/webhooks/process-webhook";
import { testDb } from "../support/db";
import { receiveBody, statusBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

// Counts the database calls, so a test can see webhooks share them.
function countingRunner(): SqlRunner & { calls: number } {
  const runner = {
    calls: 0,
    query: ((...args: Parameters<SqlRunner["query"]>) => {
      runner.calls++;
      return (pgPool().query as (...a: unknown[]) => unknown)(...args);
    }) as SqlRunner["query"],
  };
  return runner;
}

function item(handle: string, contact: string, overrides: Record<string, unknown> = {}): BatchItem {
  const now = new Date().toISOString();
  return {
    source: "receive",
    message: {
      handle,
      direction: "inbound",
      content: "batched",
      status: "RECEIVED",
      status_rank: 4,
      sent_at: now,
      received_at: now,
      line_number: "+15122164639",
      contact_number: contact,
      ...overrides,
    },
    event: { type: "receive", request_id: handle, received_at: now, headers: {}, body_size: 2 },
    body: Buffer.from("{}"),
    eventId: null,
  };
}

describe("group commit of message webhooks", () => {
  it("sends webhooks that arrive together in shared calls, each answered with its own outcome", async () => {
    const sql = countingRunner();
    const db = testDb();
    const contact = uniqueNumber();
    const bodies = Array.from({ length: 40 }, (_, i) => receiveBody({ number: contact, content: `message ${i}` }));
    const repeat = bodies[3]!;
    const results = await Promise.all(
      [...bodies, repeat].map((body) =>
        processWebhook(
          { db, sql },
          { type: "receive", body: Buffer.from(JSON.stringify(body)), receivedAt: new Date() },
          {
            raw: {
              type: "receive",
              requestId: "t",
              receivedAt: new Date(),
              headers: {},
              body: Buffer.from("{}"),
              bodySize: 2,
            },
          },
        ),
      ),
    );
    expect(sql.calls).toBeLessThan(10);
    expect(results.filter((r) => r.outcome === "processed")).toHaveLength(40);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(1);
    expect(new Set(results.map((r) => r.eventId)).size).toBe(41);
    const conversation = await db.conversation.findFirstOrThrow({ where: { contactNumber: contact } });
    expect(conversation.unreadCount).toBe(40);
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(40);
  });

  it("applies a status pair that lands in one batch in order", async () => {
    const sql = countingRunner();
    const db = testDb();
    const handle = uniqueHandle();
    const sent = statusBody({ message_handle: handle, status: "SENT" });
    const delivered = { ...sent, status: "DELIVERED" };
    const run = (body: unknown) =>
      processWebhook(
        { db, sql },
        { type: "outbound", body: Buffer.from(JSON.stringify(body)), receivedAt: new Date() },
        {
          raw: { type: "outbound", requestId: "t", receivedAt: new Date(), headers: {}, body: null, bodySize: 0 },
        },
      );
    await Promise.all([run(receiveBody()), run(receiveBody()), run(sent), run(delivered)]);
    const message = await db.message.findUniqueOrThrow({ where: { handle }, include: { statusHistory: true } });
    expect(message.status).toBe("DELIVERED");
    expect(message.statusHistory.map((s) => s.status).sort()).toEqual(["DELIVERED", "SENT"]);
  });

  it("answers a value the database cannot hold (SQLSTATE class 22) with a 422, the body logged raw", async () => {
    const refusing: SqlRunner = {
      query: (async () => ({
        rows: [
          {
            outcome: null,
            event_id: null,
            has_media: false,
            error_state: "22008",
            error_message: "date/time field value out of range",
          },
        ],
      })) as unknown as SqlRunner["query"],
    };
    const body = Buffer.from(JSON.stringify(receiveBody()));
    const requestId = uniqueHandle();
    const result = await processWebhook(
      { db: testDb(), sql: refusing },
      { type: "receive", body, receivedAt: new Date() },
      {
        raw: { type: "receive", requestId, receivedAt: new Date(), headers: {}, body, bodySize: body.length },
      },
    );
    expect(result).toMatchObject({ outcome: "invalid", statusCode: 422, errorCode: "unstorable_value" });
    const logged = await testDb().webhookEvent.findFirstOrThrow({ where: { requestId } });
    expect(logged).toMatchObject({ outcome: "invalid", statusCode: 422 });
    expect(Buffer.from(logged.body!).equals(body)).toBe(true);
  });

  it("rolls back only the webhook that fails; the rest of its batch commits", async () => {
    const sql = countingRunner();
    const batcher = new IngestBatcher(sql);
    const contact = uniqueNumber();
    const handles = Array.from({ length: 8 }, () => uniqueHandle());
    // Submitted in one tick: the first two go at once, the other six wait and share a call.
    const rows = await Promise.all(
      handles.map((h, i) => batcher.submit(item(h, contact, i === 5 ? { direction: "sideways" } : {}))),
    );
    expect(sql.calls).toBe(3);
    expect(rows[5]).toMatchObject({ outcome: null, error_state: "22P02" });
    expect(rows.filter((r) => r.outcome === "processed")).toHaveLength(7);
    const stored = await testDb().message.findMany({ where: { handle: { in: handles } }, select: { handle: true } });
    expect(stored.map((m) => m.handle).sort()).toEqual(handles.filter((_, i) => i !== 5).sort());
    expect(await testDb().webhookEvent.count({ where: { requestId: handles[5] } })).toBe(0);
  });

  it("says when webhooks queued behind the in-flight batches (what the outgoing worker gives way to)", async () => {
    noteIngestBacklog(0);
    const batcher = new IngestBatcher(countingRunner());
    const contact = uniqueNumber();
    // Two go at once and nothing waits: no backlog.
    await Promise.all([uniqueHandle(), uniqueHandle()].map((h) => batcher.submit(item(h, contact))));
    expect(ingestBackloggedWithin(1_000)).toBe(false);
    // A third in the same tick waits for a connection: backlog, for the next second only.
    await Promise.all([uniqueHandle(), uniqueHandle(), uniqueHandle()].map((h) => batcher.submit(item(h, contact))));
    expect(ingestBackloggedWithin(1_000)).toBe(true);
    expect(ingestBackloggedWithin(1_000, Date.now() + 1_500)).toBe(false);
  });
});
