import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { isTaskDone, runBackgroundTasks } from "@/lib/db/background-tasks";
import { createDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MESSAGE_ROLLUP_TASK } from "@/lib/insights/message-rollup";
import { testDb } from "../support/db";
import { uniqueHandle, uniqueNumber } from "../support/webhooks";
import { cases, charts, expectRollupExact, fold, generator, pick } from "./rollup-oracle";

// An existing install upgrading: messages stored before the migration are in no rollup row
// until the background task rebuilds their hours, batch by batch, while webhooks keep
// writing (into hours rebuilt and not yet, committed before, during and after a batch).
// Until the task is done the page counts from the messages; after it, from the rollup.

const db = testDb();
const FIRST = Date.parse("1985-10-20T00:00:00Z");
const LAST = Date.parse("1985-11-05T00:00:00Z"); // the US left DST on October 27
const HOUR = 3_600_000;
const rand = generator(1985);
const window = () => cases(["UTC", "America/New_York"], [["1985-10-20", "1985-11-03"]], lineIds);

let conversationIds: number[] = [];
let lineIds: number[] = [];
const when = () => new Date(FIRST + Math.floor(rand() * (LAST - FIRST - 2 * 86_400_000)));

function message(): Prisma.MessageCreateManyInput {
  const outbound = rand() < 0.5;
  const rank = outbound ? pick(rand, [1, 2, 3, 4, 5]) : 4;
  return {
    handle: uniqueHandle("upgrade"),
    conversationId: pick(rand, conversationIds),
    direction: outbound ? "outbound" : "inbound",
    service: pick(rand, ["iMessage", "SMS", "RCS", null]),
    status: "X",
    statusRank: rank,
    errorCode: rank === 5 ? pick(rand, ["10001", "4002", null]) : null,
    errorMessage: rank === 5 ? pick(rand, ["Failed to send message", null]) : null,
    wasDowngraded: outbound && rand() < 0.2,
    sentAt: when(),
  };
}

/** What the triggers would have written had the messages been stored before the migration: nothing. */
async function forgetWindow() {
  await db.$executeRaw`DELETE FROM message_rollup WHERE hour >= ${new Date(FIRST)} AND hour < ${new Date(LAST)}`;
  await db.$executeRaw`DELETE FROM message_rollup_deltas WHERE hour >= ${new Date(FIRST)} AND hour < ${new Date(LAST)}`;
  // And a stray row the rebuild must drop.
  await db.$executeRaw`INSERT INTO message_rollup (hour, line_id, inbound_sms) VALUES (${new Date(FIRST + 5 * HOUR)}, 0, 7)`;
}

/** Whether a rebuild is waiting for the folder's lock. */
async function waitingForFolder() {
  const [r] = await db.$queryRaw<{ waiting: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                   WHERE wait_event = 'advisory' AND query LIKE '%inbox_message_rollup_rebuild%') AS waiting`;
  return r!.waiting;
}

/** Writes while the upgrade runs: new messages, status changes, deletes and moves. */
async function someWrites() {
  await db.message.createMany({ data: [message(), message(), message()] });
  const ids = (
    await db.message.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true } })
  ).map((m) => m.id);
  await db.message.updateMany({ where: { id: pick(rand, ids) }, data: { statusRank: 5, errorCode: "10001" } });
  await db.message.updateMany({ where: { id: pick(rand, ids) }, data: { service: "SMS", wasDowngraded: true } });
  await db.message.updateMany({ where: { id: pick(rand, ids) }, data: { sentAt: when() } });
  await db.message.deleteMany({ where: { id: pick(rand, ids) } });
}

beforeAll(async () => {
  const line = await db.line.create({ data: { number: uniqueNumber() } });
  lineIds = [line.id];
  const convs = [];
  for (let i = 0; i < 3; i++) {
    const contact = uniqueNumber();
    await db.contact.create({ data: { number: contact } });
    convs.push(
      await db.conversation.create({
        data: { key: `direct:${line.number}:${contact}`, kind: "direct", lineId: line.id, contactNumber: contact },
      }),
    );
  }
  conversationIds = convs.map((c) => c.id);
  await db.message.createMany({ data: Array.from({ length: 400 }, message) });
});

describe("message_rollup's upgrade", () => {
  it("the page counts from the messages until the backfill is done", async () => {
    await forgetWindow();
    await db.$executeRaw`UPDATE background_tasks SET state = 'running' WHERE name = ${MESSAGE_ROLLUP_TASK}`;
    // A fresh client: whether the task is done is cached per client.
    const upgrading = createDb(env().DATABASE_URL!, 2);
    try {
      const [c] = window();
      const { exact, rollup, page } = await charts(upgrading, c!);
      expect(page).toEqual(exact);
      expect(rollup).not.toEqual(exact);
    } finally {
      await db.$executeRaw`UPDATE background_tasks SET state = 'done' WHERE name = ${MESSAGE_ROLLUP_TASK}`;
      await upgrading.$disconnect();
    }
  });

  it("rebuilds hour by hour while writes go on, before, during and after each batch", async () => {
    await forgetWindow();
    await someWrites();
    const writer = new pg.Client({ connectionString: env().DATABASE_URL });
    await writer.connect();
    try {
      // Batches that end mid-hour (rounded up to whole hours), as the task's minutes do.
      let from = FIRST;
      for (let batch = 0; from < LAST; batch++) {
        const to = Math.min(LAST, from + (5 + Math.floor(rand() * 40)) * HOUR + Math.floor(rand() * HOUR));
        // Committed writes in the batch's hours, their deltas not folded (unless a fold runs
        // below): the rebuild counts them from the messages and must drop the deltas.
        await db.message.create({ data: { ...message(), sentAt: new Date(from + HOUR / 2) } });
        await db.message.updateMany({
          where: { conversationId: { in: conversationIds }, sentAt: { gte: new Date(from), lt: new Date(to) } },
          data: { statusRank: 5, errorCode: "4002" },
        });
        // A write still open while the batch reads: neither its message nor its delta is seen.
        await writer.query("BEGIN");
        await writer.query(
          "INSERT INTO messages (handle, conversation_id, direction, status, sent_at) VALUES ($1, $2, 'inbound', 'RECEIVED', $3)",
          [uniqueHandle("open"), conversationIds[0], new Date(from + HOUR)],
        );
        // Every few batches, a fold holds the folder's lock as the batch starts: it waits.
        const folding = batch % 3 === 0;
        if (folding) await writer.query("SELECT inbox_fold_counters()");
        // (Prisma's queries start when awaited: Promise.resolve sends this one now.)
        const rebuilt = Promise.resolve(
          db.$queryRaw`SELECT inbox_message_rollup_rebuild(${new Date(from)}, ${new Date(to)})`,
        );
        if (folding) {
          await expect.poll(waitingForFolder).toBe(true);
          await writer.query("COMMIT");
        }
        await rebuilt;
        if (!folding) await writer.query("COMMIT");
        if (batch % 4 === 1) await someWrites();
        if (batch % 5 === 2) await fold(db);
        from = to;
      }
    } finally {
      await writer.end();
    }
    expect(await expectRollupExact(db, window())).toBe(4);
    await fold(db);
    expect(await expectRollupExact(db, window())).toBe(4);
  });

  it("the background task's own statement, run by the task runner, rebuilds what it covers", async () => {
    await forgetWindow();
    const [task] = await db.$queryRaw<{ statement: string }[]>`
      SELECT statement FROM background_tasks WHERE name = ${MESSAGE_ROLLUP_TASK}`;
    // Positions are minutes after the oldest message's hour when the migration ran.
    const origin = Number(/to_timestamp\((\d+) \+/.exec(task!.statement)![1]) * 1000;
    const minutes = (t: number) => Math.round((t - origin) / 60_000);
    await db.$executeRaw`UPDATE background_tasks SET state = 'pending', position = ${minutes(FIRST)},
      upper_bound = ${minutes(LAST)}, rows_done = 0 WHERE name = ${MESSAGE_ROLLUP_TASK}`;
    expect(await runBackgroundTasks(env().DATABASE_URL!)).toBe("done");
    expect(await isTaskDone(db, MESSAGE_ROLLUP_TASK)).toBe(true);
    expect(await expectRollupExact(db, window())).toBe(4);
  });
});
