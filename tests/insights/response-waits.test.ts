import { beforeAll, describe, expect, it } from "vitest";
import { isTaskDone } from "@/lib/db/background-tasks";
import { createDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import {
  firstResponse,
  firstResponseFromMessages,
  firstResponseFromWaits,
  RESPONSE_WAITS_TASK,
} from "@/lib/insights/first-response";
import type { InsightsScope } from "@/lib/insights/insights-scope";
import { testDb } from "../support/db";
import { uniqueNumber } from "../support/webhooks";

// response_waits (kept by triggers on messages) against the exact first-response query over
// the messages themselves, on a seeded history stored out of order: messages one by one in
// shuffled order (late, older messages among them), the rest in multi-row batches, then a
// reply deleted (as send-reply deletes a raced placeholder) and a message moved in time. Two
// lines, a group chat with several senders, gaps around the 7-day restart.

const db = testDb();
const DAY = 86_400_000;
// A stretch of 1991 nothing else in a test database uses; random within it, so a reused
// database's earlier copy does not overlap (the comparisons hold whatever else is there).
const BASE = Date.UTC(1991, 0, 1) + Math.floor(Math.random() * 200) * DAY;

type Seeded = { id: number; conversationId: number; inbound: boolean; at: Date; handle: string; sender: string };

// A small deterministic generator, so a failure reproduces with the same history.
function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const rand = generator(16);
const gaps = [30_000, 90_000, 600_000, 3_600_000, 5 * 3_600_000, 2 * DAY, 6.9 * DAY, 7 * DAY, 7.2 * DAY];
let lines: { id: number; number: string }[] = [];
let conversations: number[] = [];
let seeded: Seeded[] = [];

function history(conversationId: number, senders: string[], count: number, run: string) {
  const out: Omit<Seeded, "id">[] = [];
  let at = BASE + Math.floor(rand() * 3) * DAY;
  for (let i = 0; i < count; i++) {
    at += gaps[Math.floor(rand() * gaps.length)]!;
    // Same-instant pairs: ties are ordered by id, in both the triggers and the exact query.
    if (rand() < 0.05) at -= gaps[0]!;
    const inbound = rand() < 0.6;
    out.push({
      conversationId,
      inbound,
      at: new Date(at),
      handle: `waits-${run}-${conversationId}-${i}`,
      sender: inbound ? senders[Math.floor(rand() * senders.length)]! : "line",
    });
  }
  return out;
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const row = (m: Omit<Seeded, "id">) => ({
  handle: m.handle,
  conversationId: m.conversationId,
  direction: m.inbound ? ("inbound" as const) : ("outbound" as const),
  status: m.inbound ? "RECEIVED" : "DELIVERED",
  senderNumber: m.sender,
  sentAt: m.at,
});

async function waitRows() {
  return db.responseWait.findMany({
    where: { conversationId: { in: conversations } },
    orderBy: { messageId: "asc" },
  });
}

function scopes(): [string, InsightsScope][] {
  const all: InsightsScope = { from: new Date(BASE - DAY), to: new Date(BASE + 400 * DAY), timeZone: "UTC" };
  // Cuts through the history: waits begin before a range and are answered after it.
  const cuts = [10, 25, 40].map((d) => new Date(BASE + d * DAY));
  return [
    ["all", all],
    ["line 1", { ...all, lineId: lines[0]!.id }],
    ["line 2", { ...all, lineId: lines[1]!.id }],
    ["days 10–25", { ...all, from: cuts[0]!, to: cuts[1]! }],
    ["days 25–40, line 1", { ...all, from: cuts[1]!, to: cuts[2]!, lineId: lines[0]!.id }],
  ];
}

async function expectSameAsMessages() {
  for (const [name, scope] of scopes()) {
    const [kept, exact] = await Promise.all([firstResponseFromWaits(db, scope), firstResponseFromMessages(db, scope)]);
    expect(kept, name).toEqual(exact);
  }
}

beforeAll(async () => {
  const run = Math.random().toString(36).slice(2, 8);
  lines = [
    await db.line.create({ data: { number: uniqueNumber() } }),
    await db.line.create({ data: { number: uniqueNumber() } }),
  ];
  const direct = async (line: { id: number; number: string }) => {
    const contact = uniqueNumber();
    await db.contact.create({ data: { number: contact } });
    return db.conversation.create({
      data: { key: `direct:${line.number}:${contact}`, kind: "direct", lineId: line.id, contactNumber: contact },
    });
  };
  const group = await db.conversation.create({
    data: {
      key: `group:${lines[0]!.number}:waits-${run}`,
      kind: "group",
      lineId: lines[0]!.id,
      groupId: `waits-${run}`,
    },
  });
  const convs = [await direct(lines[0]!), group, await direct(lines[1]!), await direct(lines[1]!)];
  conversations = convs.map((c) => c.id);
  const members = [uniqueNumber(), uniqueNumber(), uniqueNumber()];
  const messages = shuffle(
    convs.flatMap((c, i) => history(c.id, c.id === group.id ? members : [uniqueNumber()], 45 + i * 5, run)),
  );
  const single = messages.slice(0, Math.floor(messages.length / 3));
  for (const m of single) await db.message.create({ data: row(m) });
  const rest = messages.slice(single.length);
  for (let i = 0; i < rest.length; i += 7) await db.message.createMany({ data: rest.slice(i, i + 7).map(row) });
  const stored = await db.message.findMany({
    where: { conversationId: { in: conversations } },
    select: { id: true, handle: true },
  });
  const ids = new Map(stored.map((s) => [s.handle, s.id]));
  seeded = messages.map((m) => ({ ...m, id: ids.get(m.handle)! }));
});

describe("response_waits", () => {
  it("holds what the exact query computes, however the messages arrived", async () => {
    expect(await isTaskDone(db, RESPONSE_WAITS_TASK)).toBe(true);
    expect((await waitRows()).length).toBeGreaterThan(20);
    await expectSameAsMessages();
  });

  it("a replayed batch changes nothing", async () => {
    const before = await waitRows();
    const again = await db.message.createMany({ data: seeded.slice(0, 30).map(row), skipDuplicates: true });
    expect(again.count).toBe(0);
    expect(await waitRows()).toEqual(before);
  });

  it("follows a deleted reply, a deleted customer message and a message moved in time", async () => {
    const answered = await db.responseWait.findFirst({
      where: { conversationId: conversations[0], repliedAt: { not: null } },
      orderBy: { startedAt: "asc" },
    });
    const reply = seeded.find(
      (m) => m.conversationId === conversations[0] && !m.inbound && m.at.getTime() === answered!.repliedAt!.getTime(),
    );
    await db.message.delete({ where: { id: reply!.id } });
    const inbound = seeded.find((m) => m.conversationId === conversations[2] && m.inbound)!;
    await db.message.delete({ where: { id: inbound.id } });
    const moved = seeded.find((m) => m.conversationId === conversations[1] && !m.inbound)!;
    await db.message.update({ where: { id: moved.id }, data: { sentAt: new Date(moved.at.getTime() + 9 * DAY) } });
    const turned = seeded.filter((m) => m.conversationId === conversations[3] && m.inbound)[3]!;
    await db.message.update({ where: { id: turned.id }, data: { direction: "outbound" } });
    await expectSameAsMessages();
  });

  it("the upgrade's backfill rebuilds the rows of conversations stored before the triggers", async () => {
    const kept = await waitRows();
    await db.responseWait.deleteMany({ where: { conversationId: { in: conversations } } });
    // A stale row the backfill must drop, as if left by anything but these rules.
    await db.responseWait.create({
      data: {
        messageId: seeded.find((m) => !m.inbound)!.id,
        conversationId: conversations[0]!,
        startedAt: new Date(BASE),
      },
    });
    // Until the task is done the page computes from the messages (a fresh client: the
    // answer is cached per client), so the rows missing now change nothing it shows.
    await db.$executeRaw`UPDATE background_tasks SET state = 'running' WHERE name = ${RESPONSE_WAITS_TASK}`;
    const upgrading = createDb(env().DATABASE_URL!, 1);
    try {
      const [, scope] = scopes()[0]!;
      expect(await firstResponse(upgrading, scope)).toEqual(await firstResponseFromMessages(db, scope));
      expect(await firstResponse(upgrading, scope)).not.toEqual(await firstResponseFromWaits(db, scope));
    } finally {
      await db.$executeRaw`UPDATE background_tasks SET state = 'done' WHERE name = ${RESPONSE_WAITS_TASK}`;
      await upgrading.$disconnect();
    }
    // The background task's own statement, over each conversation's id range.
    const [task] = await db.$queryRaw<
      { statement: string }[]
    >`SELECT statement FROM background_tasks WHERE name = ${RESPONSE_WAITS_TASK}`;
    for (const id of conversations) await db.$queryRawUnsafe(task!.statement, id - 1, id);
    expect(await waitRows()).toEqual(kept);
    await expectSameAsMessages();
  });
});
