import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { env } from "@/lib/env";
import { ingestMessages } from "@/lib/sync/ingest-page";
import { inboundMessage, outboundStatus } from "@/scripts/lib/demo/bodies";
import { testDb } from "../support/db";
import { callWebhook, uniqueHandle, uniqueNumber } from "../support/webhooks";
import { cases, expectRollupExact, fold } from "./rollup-oracle";

// message_rollup kept by the real ingest path: webhooks moving a message's status up
// (queued → sent → delivered, → failed with a code, an SMS downgrade), history imported
// later into hours already counted, and concurrent writers, which must neither wait on each
// other nor deadlock, whatever hours and orders they write in.

const db = testDb();
const DAY = "1986-06-02";
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00.000Z`);
const line = uniqueNumber();
const contacts = [uniqueNumber(), uniqueNumber(), uniqueNumber(), uniqueNumber()];
let lineId = 0;
const check = () => expectRollupExact(db, cases(["UTC", "America/Denver"], [["1986-05-25", "1986-06-09"]], [lineId]));

async function webhook(type: "receive" | "status", body: Record<string, unknown>) {
  const r = await callWebhook(type, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

function status(handle: string, contact: string, sent: Date, s: string, extra: Record<string, unknown> = {}) {
  return {
    ...outboundStatus({ handle, line, contact, content: "On our way", at: sent, status: s, updatedAt: new Date() }),
    ...extra,
  };
}

beforeAll(async () => {
  await webhook(
    "receive",
    inboundMessage({ handle: uniqueHandle(), line, contact: contacts[0]!, content: "Hi", at: at("09:15") }),
  );
  lineId = (await db.line.findUniqueOrThrow({ where: { number: line } })).id;
});

describe("message_rollup on the ingest path", () => {
  it("follows status webhooks: queued → sent → delivered, a failure with its code, an SMS downgrade", async () => {
    const [delivered, failing, downgraded] = [uniqueHandle(), uniqueHandle(), uniqueHandle()];
    await webhook("status", status(delivered, contacts[0]!, at("09:20"), "QUEUED"));
    await webhook("status", status(failing, contacts[1]!, at("09:59"), "QUEUED"));
    await webhook("status", status(downgraded, contacts[2]!, at("10:00"), "SENT", { service: "iMessage" }));
    await check();
    await webhook("status", status(delivered, contacts[0]!, at("09:20"), "SENT"));
    await check();
    await webhook("status", status(delivered, contacts[0]!, at("09:20"), "DELIVERED"));
    await webhook(
      "status",
      status(failing, contacts[1]!, at("09:59"), "ERROR", {
        error_code: 10001,
        error_message: "Failed to send message",
      }),
    );
    await webhook(
      "status",
      status(downgraded, contacts[2]!, at("10:00"), "DELIVERED", { service: "SMS", was_downgraded: true }),
    );
    await check();
    const rows = await db.message.findMany({
      where: { handle: { in: [delivered, failing, downgraded] } },
      select: { handle: true, statusRank: true, errorCode: true, service: true, wasDowngraded: true },
    });
    // The webhooks did change what they should (else the comparison proves little).
    expect(rows.find((r) => r.handle === failing)).toMatchObject({ statusRank: 5, errorCode: "10001" });
    expect(rows.find((r) => r.handle === downgraded)).toMatchObject({ service: "SMS", wasDowngraded: true });
    const [delivery] = await db.$queryRaw<{ failed: number; downgraded: number; delivered: number }[]>`
      SELECT sum(failed)::int AS failed, sum(downgraded)::int AS downgraded, sum(delivered)::int AS delivered
      FROM (SELECT failed, downgraded, delivered FROM message_rollup WHERE line_id = ${lineId}
            UNION ALL SELECT failed, downgraded, delivered FROM message_rollup_deltas WHERE line_id = ${lineId}) r`;
    expect(delivery).toEqual({ failed: 1, downgraded: 1, delivered: 2 });
  });

  it("counts history imported later into hours already counted, and older days", async () => {
    await fold(db);
    const messages = [
      inboundMessage({ handle: uniqueHandle(), line, contact: contacts[3]!, content: "Old", at: at("09:40") }),
      outboundStatus({
        handle: uniqueHandle(),
        line,
        contact: contacts[3]!,
        content: "Older",
        at: at("23:59", "1986-05-28"),
        status: "DECLINED",
        errorCode: "4002",
        errorMessage: "This number is blacklisted",
        updatedAt: at("23:59", "1986-05-28"),
      }),
      inboundMessage({
        handle: uniqueHandle(),
        line,
        contact: contacts[3]!,
        content: "Oldest",
        at: at("00:00", "1986-05-26"),
      }),
    ];
    const counts = await ingestMessages(pgPool(), {
      source: "import",
      quiet: true,
      type: "sendblue_messages_page",
      raw: Buffer.from(JSON.stringify({ data: messages })),
      messages,
      receivedAt: new Date(),
    });
    expect(counts).toMatchObject({ stored: 3, failed: 0 });
    await check();
  });

  it("concurrent writers never wait on each other's counts, in any hours and orders", async () => {
    const conversations = (await db.conversation.findMany({ where: { lineId }, select: { id: true } })).map(
      (c) => c.id,
    );
    expect(conversations.length).toBe(4);
    const [c1, c2] = conversations;
    const connect = async () => {
      const client = new pg.Client({ connectionString: env().DATABASE_URL });
      await client.connect();
      // A lock wait would end in this error, not in a hang; appends never take one.
      await client.query("SET lock_timeout = '5s'");
      return client;
    };
    const [a, b] = [await connect(), await connect()];
    const insert = (client: pg.Client, conversationId: number, sent: Date) =>
      client.query(
        "INSERT INTO messages (handle, conversation_id, direction, service, status, status_rank, sent_at) VALUES ($1, $2, 'inbound', 'iMessage', 'RECEIVED', 4, $3)",
        [uniqueHandle(), conversationId, sent],
      );
    try {
      // Two transactions writing the same two hours in opposite orders: with a counter row
      // per hour updated in place, the second statement of each would wait for the other.
      await a.query("BEGIN");
      await b.query("BEGIN");
      await insert(a, c1!, at("14:05"));
      await insert(b, c2!, at("15:05"));
      await insert(a, c1!, at("15:10"));
      await insert(b, c2!, at("14:10"));
      // A fold meanwhile moves what is committed and leaves what is not.
      await b.query("COMMIT");
      await fold(db);
      await check();
      await a.query("COMMIT");
      await check();
      await fold(db);
      await check();
    } finally {
      await a.end();
      await b.end();
    }

    // Webhooks in parallel (the batcher keeps two batches in flight) and raw writers, all in
    // the same few hours, with folds among them. Each writer has a conversation of its own
    // (a conversation's writes queue behind each other anyway, for response_waits).
    const writers = conversations.map(async (conversationId, w) => {
      const client = await connect();
      try {
        for (let i = 0; i < 10; i++) {
          await client.query("BEGIN");
          await insert(client, conversationId, at(`16:${String(i * 5 + w).padStart(2, "0")}`));
          await insert(client, conversationId, at(`1${7 - (i % 2)}:00`));
          await client.query(
            "UPDATE messages SET direction = 'outbound', status_rank = $2, error_code = $3 WHERE id = (SELECT max(id) FROM messages WHERE conversation_id = $1)",
            [conversationId, 1 + (i % 5), i % 3 ? null : "10001"],
          );
          await client.query("COMMIT");
          if (i % 4 === w) await client.query("SELECT inbox_fold_counters()");
        }
      } finally {
        await client.end();
      }
    });
    const hooks = [uniqueNumber(), uniqueNumber(), uniqueNumber()].flatMap((contact, k) =>
      Array.from({ length: 6 }, (_, i) =>
        webhook(
          "receive",
          inboundMessage({ handle: uniqueHandle(), line, contact, content: "Hey", at: at(`16:${k}${i}`) }),
        ),
      ),
    );
    await Promise.all([...writers, ...hooks]);
    await check();
    await fold(db);
    await check();
  });
});
