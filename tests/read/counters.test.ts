import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { counterKeys, readCounters } from "@/lib/read/counters";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

// The contract of migration 20261202050000_read_counters: whatever writes messages,
// conversations, attachments or refused webhooks — the ingest functions, Prisma, a bulk
// statement, a cascade — the counters equal a count of the rows, before and after a fold.

const db = testDb();

async function truth(lineId: number) {
  const [inbound, outbound, conversations] = await Promise.all([
    db.message.count({ where: { direction: "inbound", conversation: { lineId } } }),
    db.message.count({ where: { direction: "outbound", conversation: { lineId } } }),
    db.conversation.count({ where: { lineId } }),
  ]);
  return { inbound, outbound, conversations };
}

async function kept(lineId: number) {
  const c = await readCounters(db, [
    counterKeys.lineMessages(lineId, "inbound"),
    counterKeys.lineMessages(lineId, "outbound"),
    counterKeys.lineConversations(lineId),
  ]);
  return {
    inbound: c.get(counterKeys.lineMessages(lineId, "inbound")),
    outbound: c.get(counterKeys.lineMessages(lineId, "outbound")),
    conversations: c.get(counterKeys.lineConversations(lineId)),
  };
}

const fold = () => db.$executeRaw`SELECT inbox_fold_counters()`;

describe("counters kept by triggers", () => {
  it("follow messages and conversations through webhooks, Prisma writes, moves and deletes", async () => {
    const line = uniqueNumber();
    const contact = uniqueNumber();
    await callWebhook("receive", receiveBody({ number: contact, sendblue_number: line }));
    await callWebhook("receive", receiveBody({ number: uniqueNumber(), sendblue_number: line }));
    await callWebhook("outbound", statusBody({ number: contact, sendblue_number: line }));
    const { id: lineId } = await db.line.findUniqueOrThrow({ where: { number: line } });
    expect(await kept(lineId)).toEqual({ inbound: 2, outbound: 1, conversations: 2 });
    expect(await kept(lineId)).toEqual(await truth(lineId));

    // A bulk insert through Prisma (one statement, several rows), then a single delete.
    const conversation = await db.conversation.findFirstOrThrow({ where: { lineId, contactNumber: contact } });
    const base = { conversationId: conversation.id, status: "RECEIVED", sentAt: new Date() };
    await db.message.createMany({
      data: [
        { ...base, handle: `c-${line}-1`, direction: "inbound" },
        { ...base, handle: `c-${line}-2`, direction: "inbound" },
        { ...base, handle: `c-${line}-3`, direction: "outbound" },
      ],
    });
    await db.message.delete({ where: { handle: `c-${line}-2` } });
    expect(await kept(lineId)).toEqual({ inbound: 3, outbound: 2, conversations: 2 });

    // A message changing direction, and a conversation moving to another line with its messages.
    await db.message.update({ where: { handle: `c-${line}-3` }, data: { direction: "inbound" } });
    expect(await kept(lineId)).toEqual(await truth(lineId));
    await fold();
    const other = await db.line.create({ data: { number: uniqueNumber() } });
    await db.conversation.update({ where: { id: conversation.id }, data: { lineId: other.id } });
    expect(await kept(lineId)).toEqual(await truth(lineId));
    expect(await kept(other.id)).toEqual(await truth(other.id));
    expect(await kept(other.id)).toMatchObject({ conversations: 1 });

    // Deleting a conversation takes its messages with it (cascade), counted once.
    await db.conversation.delete({ where: { id: conversation.id } });
    expect(await kept(other.id)).toEqual({ inbound: 0, outbound: 0, conversations: 0 });
    expect(await kept(lineId)).toEqual(await truth(lineId));
  });

  it("are the same before and after a fold, and a fold leaves no delta behind", async () => {
    const line = uniqueNumber();
    for (let i = 0; i < 3; i++)
      await callWebhook("receive", receiveBody({ number: uniqueNumber(), sendblue_number: line }));
    const { id: lineId } = await db.line.findUniqueOrThrow({ where: { number: line } });
    const before = await kept(lineId);
    await fold();
    expect(await kept(lineId)).toEqual(before);
    expect(await kept(lineId)).toEqual(await truth(lineId));
    // Folded by the next ingest batch at the latest; here by hand with nothing writing.
    await fold();
    expect(await db.counterDelta.count({ where: { key: { startsWith: `line:${lineId}:` } } })).toBe(0);
  });

  it("count attachments per mirror state", async () => {
    const states = ["pending", "copying", "kept", "failed", "expired"] as const;
    // Other test files write to the same database meanwhile: read both sides in one snapshot.
    const count = () =>
      db.$transaction(
        async (tx) => {
          const c = await readCounters(tx as unknown as Db, states.map(counterKeys.media));
          const rows = await tx.mediaAttachment.groupBy({ by: ["mirrorState"], _count: { _all: true } });
          const real = Object.fromEntries(
            states.map((s) => [s, rows.find((r) => r.mirrorState === s)?._count._all ?? 0]),
          );
          return { kept: Object.fromEntries(states.map((s) => [s, c.get(counterKeys.media(s))])), real };
        },
        { isolationLevel: "RepeatableRead" },
      );
    await callWebhook(
      "receive",
      receiveBody({ number: uniqueNumber(), media_url: "https://storage.googleapis.com/x/photo.jpg" }),
    );
    const media = await db.mediaAttachment.findFirstOrThrow({ orderBy: { id: "desc" } });
    await db.mediaAttachment.update({ where: { id: media.id }, data: { mirrorState: "failed" } });
    const { kept: k, real } = await count();
    expect(k).toEqual(real);
    expect(real.failed).toBeGreaterThan(0);
  });
});
