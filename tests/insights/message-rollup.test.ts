import { beforeAll, describe, expect, it } from "vitest";
import { hoursAligned } from "@/lib/insights/message-rollup";
import type { Prisma } from "@/lib/generated/prisma/client";
import { testDb } from "../support/db";
import { uniqueNumber } from "../support/webhooks";
import { type Case, cases, charts, expectRollupExact, fold, generator, pick, shuffle, spans } from "./rollup-oracle";

// message_rollup against the exact queries over the messages, on a seeded history of random
// messages (every service, status rank, error code and message, downgrades; some on the very
// first and last millisecond of an hour) stored in random order, one by one and in multi-row
// statements, on two lines and a group without a line. Compared for random ranges in zones
// with DST changes inside the window (Europe on March 29 1987, the US on April 5) and in
// zones offset by :30 and :45, which the rollup leaves to the exact queries.
// Then random changes to every counted field, deletes and moves, with folds in between.

const db = testDb();
const FIRST_DAY = "1987-03-20";
const DAYS = 26;
const START = Date.parse(`${FIRST_DAY}T00:00:00Z`);
const HOUR = 3_600_000;
const rand = generator(1987);

const WHOLE_HOURS = ["UTC", "America/Chicago", "America/New_York", "Europe/Berlin", "Pacific/Auckland"];
const ODD_OFFSETS = ["Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns"];
const SERVICES = ["iMessage", "iMessage", "iMessage", "SMS", "SMS", "RCS", null, "email"] as const;
const RANKS = [0, 1, 2, 2, 3, 3, 3, 4, 5, 5] as const;
const CODES = [null, null, null, "", "0", "10001", "10001", "4002", "X9"] as const;
const TEXTS = [null, "", "Failed to send message", "Failed to send message", "Blocked", "blocked"] as const;

let lineIds: number[] = [];
let conversationIds: number[] = [];

function instant(): Date {
  const t = START + Math.floor(rand() * DAYS * 24 * HOUR);
  const edge = rand();
  // An hour's first and last millisecond: the buckets' edges.
  if (edge < 0.1) return new Date(t - (t % HOUR));
  if (edge < 0.2) return new Date(t - (t % HOUR) + HOUR - 1);
  return new Date(t);
}

let seq = 0;
function randomMessage(run: string): Prisma.MessageCreateManyInput {
  const outbound = rand() < 0.5;
  const rank = outbound ? pick(rand, RANKS) : 0;
  return {
    handle: `rollup-${run}-${seq++}`,
    conversationId: pick(rand, conversationIds),
    direction: outbound ? "outbound" : "inbound",
    service: pick(rand, SERVICES),
    status: outbound ? ["QUEUED", "QUEUED", "SENT", "DELIVERED", "READ", "ERROR"][rank]! : "RECEIVED",
    statusRank: rank,
    // Inbound messages with a code do not count as failures: only outbound ones can fail.
    errorCode: rand() < 0.6 ? pick(rand, CODES) : null,
    errorMessage: pick(rand, TEXTS),
    wasDowngraded: pick(rand, [null, false, true]),
    sentAt: instant(),
  };
}

const wholeWindow: [string, string] = [FIRST_DAY, "1987-04-14"];
let checked: Case[] = [];

beforeAll(async () => {
  const run = Math.random().toString(36).slice(2, 8);
  const lines = [
    await db.line.create({ data: { number: uniqueNumber() } }),
    await db.line.create({ data: { number: uniqueNumber() } }),
  ];
  lineIds = lines.map((l) => l.id);
  const direct = async (lineId: number, number: string) => {
    const contact = uniqueNumber();
    await db.contact.create({ data: { number: contact } });
    return db.conversation.create({
      data: { key: `direct:${number}:${contact}`, kind: "direct", lineId, contactNumber: contact },
    });
  };
  const convs = [
    await direct(lines[0]!.id, lines[0]!.number),
    await direct(lines[0]!.id, lines[0]!.number),
    await direct(lines[1]!.id, lines[1]!.number),
    await direct(lines[1]!.id, lines[1]!.number),
    // A group seen from no known line: counted on every line's total only.
    await db.conversation.create({ data: { key: `group:rollup-${run}`, kind: "group", groupId: `rollup-${run}` } }),
  ];
  conversationIds = convs.map((c) => c.id);
  const messages = shuffle(
    rand,
    Array.from({ length: 600 }, () => randomMessage(run)),
  );
  const single = messages.slice(0, 200);
  for (const m of single) await db.message.create({ data: m });
  const rest = messages.slice(single.length);
  for (let i = 0; i < rest.length; i += 9) await db.message.createMany({ data: rest.slice(i, i + 9) });
  checked = cases(
    [...WHOLE_HOURS, ...ODD_OFFSETS],
    [wholeWindow, ["1987-03-28", "1987-04-06"], ...spans(rand, FIRST_DAY, DAYS - 1, 2, 9)],
    lineIds,
  );
});

describe("message_rollup", () => {
  it("gives every chart the exact query's numbers, for any range, line and zone, folded or not", async () => {
    const [all] = cases(["UTC"], [wholeWindow], []);
    const { exact } = await charts(db, all!);
    // The history is not trivial: every outcome, several codes and messages.
    expect(exact[1]).toMatchObject({ failed: expect.any(Number), delivered: expect.any(Number) });
    expect(
      Math.min(exact[1].failed, exact[1].delivered, exact[1].sentOnly, exact[1].pending, exact[1].downgraded),
    ).toBeGreaterThan(0);
    expect(exact[2].length).toBeGreaterThan(3);

    const aligned = checked.filter((c) => WHOLE_HOURS.includes(c.scope.timeZone)).length;
    expect(await expectRollupExact(db, checked)).toBe(aligned);
    await fold(db);
    expect(await expectRollupExact(db, checked)).toBe(aligned);
  }, 120_000);

  it("leaves zones offset by :30 or :45, and odd historical offsets, to the exact queries", async () => {
    for (const c of checked) {
      expect(await hoursAligned(db, c.scope), c.name).toBe(WHOLE_HOURS.includes(c.scope.timeZone));
    }
    // Chicago kept local mean time (UTC−5:50:36) until 1883.
    const [lmt] = cases(["America/Chicago"], [["1883-11-01", "1883-11-20"]], []);
    expect(await hoursAligned(db, lmt!.scope)).toBe(false);
  });

  it("follows every change of a counted field, deletes, moves and new messages, with folds in between", async () => {
    const run = Math.random().toString(36).slice(2, 8);
    const few = cases(["UTC", "America/Chicago", "Asia/Kolkata"], [wholeWindow], lineIds);
    const ids = async () =>
      (await db.message.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true } })).map(
        (m) => m.id,
      );
    let messageIds = await ids();
    const changes: (() => Promise<unknown>)[] = [
      // A status moving up, or failing with a code.
      () => {
        const rank = pick(rand, RANKS);
        return db.message.updateMany({
          where: { id: pick(rand, messageIds) },
          data: { statusRank: rank, status: rank === 5 ? "ERROR" : "SENT", errorCode: pick(rand, CODES) },
        });
      },
      () => db.message.updateMany({ where: { id: pick(rand, messageIds) }, data: { errorMessage: pick(rand, TEXTS) } }),
      // An SMS downgrade: the service changes and the flag is set.
      () =>
        db.message.updateMany({
          where: { id: pick(rand, messageIds) },
          data: { service: pick(rand, SERVICES), wasDowngraded: pick(rand, [null, true]) },
        }),
      () =>
        db.message.updateMany({
          where: { id: pick(rand, messageIds) },
          data: { sentAt: instant() },
        }),
      () =>
        db.message.updateMany({
          where: { id: pick(rand, messageIds) },
          data: { direction: pick(rand, ["inbound", "outbound"] as const) },
        }),
      () =>
        db.message.updateMany({
          where: { id: pick(rand, messageIds) },
          data: { conversationId: pick(rand, conversationIds) },
        }),
      async () => {
        await db.message.deleteMany({ where: { id: pick(rand, messageIds) } });
        messageIds = await ids();
      },
      async () => {
        await db.message.createMany({ data: [randomMessage(run), randomMessage(run), randomMessage(run)] });
        messageIds = await ids();
      },
    ];
    for (let i = 1; i <= 120; i++) {
      await pick(rand, changes)();
      if (i % 30 === 0) await expectRollupExact(db, few);
      if (i % 45 === 0) await fold(db);
    }
    // A conversation moved to the other line, then to none, then deleted with its messages.
    const moved = conversationIds[0]!;
    await db.conversation.update({ where: { id: moved }, data: { lineId: lineIds[1] } });
    await expectRollupExact(db, few);
    await fold(db);
    await db.conversation.update({ where: { id: moved }, data: { lineId: null } });
    await expectRollupExact(db, few);
    await db.conversation.delete({ where: { id: moved } });
    await expectRollupExact(db, few);
    await fold(db);
    await expectRollupExact(db, few);
  }, 120_000);
});
