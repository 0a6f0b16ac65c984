import type { Db } from "@/lib/db/client";
import { uniqueNumber } from "../support/webhooks";

// A small history with every number computed by hand (in the comments and in EXPECTED),
// for the unit tests and the browser test. It lies in April 2003, where nothing else in a
// test database does, so "every line" over these days sees only it. Chicago moved from CST
// (UTC−6) to CDT (UTC−5) at 2:00 on Sunday April 6, 2003: that day has 23 hours.
//
// The range: Fri Apr 4 – Mon Apr 7 2003 in America/Chicago = [04-04 06:00Z, 04-08 05:00Z).

export const RANGE = { from: "2003-04-04", to: "2003-04-07", tz: "America/Chicago" };

type Msg = {
  key: string;
  conv: "A" | "B" | "C" | "D" | "E";
  out?: boolean;
  service: string | null;
  at: string;
  status?: string;
  rank?: number;
  code?: string | null;
  error?: string;
  downgraded?: boolean;
};

// Local Chicago time in the comments. A, B are on line 1; C, D, E on line 2.
const MESSAGES: Msg[] = [
  { key: "A1", conv: "A", service: "iMessage", at: "2003-04-04T04:00:00Z" }, // Thu Apr 3 22:00, before the range
  { key: "A2", conv: "A", service: "iMessage", at: "2003-04-04T15:00:00Z" }, // Fri 09:00 (A1 before it was inbound: no new wait)
  { key: "A3", conv: "A", out: true, service: "iMessage", at: "2003-04-04T15:10:00Z", status: "DELIVERED", rank: 3 },
  { key: "A4", conv: "A", service: "SMS", at: "2003-04-05T05:30:00Z" }, // Fri 23:30: wait, answered by A6 after 4500 s
  { key: "A5", conv: "A", service: "SMS", at: "2003-04-05T06:15:00Z" }, // Sat 00:15, same wait
  {
    key: "A6",
    conv: "A",
    out: true,
    service: "SMS",
    at: "2003-04-05T06:45:00Z",
    status: "SENT",
    rank: 2,
    downgraded: true,
  },
  { key: "A7", conv: "A", service: "iMessage", at: "2003-04-06T08:30:00Z" }, // Sun 03:30 CDT: wait, 120 s
  {
    key: "A8",
    conv: "A",
    out: true,
    service: "iMessage",
    at: "2003-04-06T08:32:00Z",
    status: "ERROR",
    rank: 5,
    code: "10001",
    error: "Failed to send message",
  },
  { key: "B1", conv: "B", service: "RCS", at: "2003-04-06T07:30:00Z" }, // Sun 01:30 CST: wait, 5400 s (the clock read 2.5 h)
  { key: "B2", conv: "B", out: true, service: "RCS", at: "2003-04-06T09:00:00Z", status: "DELIVERED", rank: 3 }, // Sun 04:00 CDT
  { key: "B3", conv: "B", service: "iMessage", at: "2003-04-08T04:50:00Z" }, // Mon 23:50: wait, answered after the range, 1800 s
  { key: "B4", conv: "B", out: true, service: "iMessage", at: "2003-04-08T05:20:00Z", status: "DELIVERED", rank: 3 }, // Tue 00:20, after
  { key: "C1", conv: "C", out: true, service: "SMS", at: "2003-04-05T18:00:00Z", status: "QUEUED", rank: 1 }, // Sat 12:00
  { key: "C2", conv: "C", service: "iMessage", at: "2003-04-07T15:00:00Z" }, // Mon 10:00: wait, 3600 s
  {
    key: "C3",
    conv: "C",
    out: true,
    service: "SMS",
    at: "2003-04-07T16:00:00Z",
    status: "DECLINED",
    rank: 5,
    code: "4002",
    error: "This number is blacklisted",
  },
  { key: "C4", conv: "C", service: "iMessage", at: "2003-04-07T20:00:00Z" }, // Mon 15:00: wait, never answered
  { key: "D0", conv: "D", service: "iMessage", at: "2003-03-01T18:00:00Z" }, // long before
  {
    key: "D1",
    conv: "D",
    out: true,
    service: "iMessage",
    at: "2003-04-04T14:00:00Z",
    status: "ERROR",
    rank: 5,
    code: null,
    error: "Undeliverable",
  }, // Fri 08:00
  {
    key: "D2",
    conv: "D",
    out: true,
    service: "iMessage",
    at: "2003-04-04T14:05:00Z",
    status: "DELIVERED",
    rank: 3,
    code: "0",
  },
  { key: "D3", conv: "D", service: null, at: "2003-04-05T20:00:00Z" }, // Sat 14:00: wait, 30 s
  { key: "D4", conv: "D", out: true, service: "iMessage", at: "2003-04-05T20:00:30Z", status: "READ", rank: 4 },
  {
    key: "D6",
    conv: "D",
    out: true,
    service: "iMessage",
    at: "2003-04-06T17:00:00Z",
    status: "ERROR",
    rank: 5,
    code: "10001",
    error: "Failed to send message",
  }, // Sun 12:00
  { key: "E1", conv: "E", service: "iMessage", at: "2003-03-20T16:00:00Z" }, // long before, never answered
  { key: "E2", conv: "E", service: "iMessage", at: "2003-04-05T16:00:00Z" }, // Sat 10:00: after 16 quiet days, a new wait: 600 s
  { key: "E3", conv: "E", out: true, service: "iMessage", at: "2003-04-05T16:10:00Z", status: "DELIVERED", rank: 3 },
];

const LINE_OF = { A: 1, B: 1, C: 2, D: 2, E: 2 } as const;

export type Fixture = {
  line1: string;
  line2: string;
  contacts: Record<"a" | "b" | "c" | "d" | "e" | "f" | "g", string>;
};

/**
 * The same history in another year with the same calendar: 1997 is 2,191 days (313 weeks)
 * before 2003, its April 6 is also the first Sunday of April and the day Chicago moved to
 * CDT, so weekdays, hours and every number stay the same. The unit test seeds 2003 and the
 * browser test 1997, so the two never count each other's rows in one database.
 */
export type FixtureYear = 2003 | 1997;
const inYear = <T>(value: T, year: FixtureYear): T =>
  JSON.parse(JSON.stringify(value).replaceAll("2003-", `${year}-`)) as T;

export const rangeIn = (year: FixtureYear) => inYear(RANGE, year);

export async function seedInsightsFixture(db: Db, year: FixtureYear = 2003): Promise<Fixture> {
  const d = (iso: string) => new Date(inYear(iso, year));
  // A database reused across runs still holds the last run's copy: take it out of the way
  // first (messages and calls go; contacts and conversations, which other rows may point at,
  // move out of the window), so "every line" over these days sees one copy.
  const span = { gte: d("2003-03-01T00:00:00Z"), lt: d("2003-05-01T00:00:00Z") };
  await db.message.deleteMany({ where: { sentAt: span } });
  await db.callLog.deleteMany({ where: { startedAt: span } });
  await db.contact.updateMany({ where: { optedOutAt: span }, data: { optedOut: false } });
  await db.contact.updateMany({ where: { createdAt: span }, data: { createdAt: new Date("1900-01-01T00:00:00Z") } });
  const line1 = uniqueNumber();
  const line2 = uniqueNumber();
  const contacts = {
    a: uniqueNumber(),
    b: uniqueNumber(),
    c: uniqueNumber(),
    d: uniqueNumber(),
    e: uniqueNumber(),
    f: uniqueNumber(),
    g: uniqueNumber(),
  };
  const [l1, l2] = [
    await db.line.create({ data: { number: line1 } }),
    await db.line.create({ data: { number: line2 } }),
  ];
  const lineId = { 1: l1.id, 2: l2.id };
  await db.contact.createMany({
    data: [
      {
        number: contacts.a,
        createdAt: d("2003-04-04T03:00:00Z"),
        optedOut: true,
        optedOutAt: d("2003-04-06T15:00:00Z"),
      }, // opt-out Sun
      { number: contacts.b, createdAt: d("2003-04-06T07:29:00Z") }, // new Sun
      {
        number: contacts.c,
        createdAt: d("2003-04-05T17:00:00Z"),
        optedOut: true,
        optedOutAt: d("2003-04-08T04:59:00Z"),
      }, // new Sat, opt-out Mon 23:59
      { number: contacts.d, createdAt: d("2003-04-04T06:00:00Z") }, // new Fri 00:00 (first instant of the range)
      { number: contacts.e, createdAt: d("2003-04-08T05:00:00Z") }, // Tue 00:00: just after the range
      {
        number: contacts.f,
        createdAt: d("2003-04-07T17:00:00Z"),
        optedOut: true,
        optedOutAt: d("2003-04-07T18:00:00Z"),
      }, // new Mon
      { number: contacts.g, createdAt: d("2003-03-20T16:00:00Z") },
    ],
  });
  // f opted back in: no longer an opt-out (the trigger clears the time).
  await db.contact.update({ where: { number: contacts.f }, data: { optedOut: false } });

  const conv: Record<string, number> = {};
  for (const [key, contact] of [
    ["A", contacts.a],
    ["B", contacts.b],
    ["C", contacts.c],
    ["D", contacts.d],
    ["E", contacts.g],
  ] as const) {
    const line = LINE_OF[key] === 1 ? line1 : line2;
    const c = await db.conversation.create({
      data: { key: `direct:${line}:${contact}`, kind: "direct", lineId: lineId[LINE_OF[key]], contactNumber: contact },
    });
    conv[key] = c.id;
  }
  await db.message.createMany({
    data: MESSAGES.map((m) => ({
      handle: `insights-${m.key}-${line1}`,
      conversationId: conv[m.conv]!,
      direction: m.out ? "outbound" : "inbound",
      service: m.service,
      status: m.status ?? "RECEIVED",
      statusRank: m.rank ?? 4,
      errorCode: m.code ?? null,
      errorMessage: m.error ?? null,
      wasDowngraded: m.downgraded ?? null,
      sentAt: d(m.at),
    })),
  });

  const call = (
    lineNumber: string | null,
    disposition: string | null,
    at: string,
    conversationId: number | null = null,
  ) => ({
    lineNumber,
    disposition,
    startedAt: d(at),
    conversationId,
    contactNumber: null,
  });
  await db.callLog.createMany({
    data: [
      call(line1, "connected", "2003-04-04T16:00:00Z"), // Fri
      call(line1, "Not_Answered ", "2003-04-06T15:00:00Z"), // Sun, written as Sendblue might
      call(null, "voicemail", "2003-04-07T14:00:00Z", conv.C!), // line 2 by its conversation
      call(line2, null, "2003-04-05T18:00:00Z"), // unknown
      call(line1, "connected", "2003-04-08T11:00:00Z"), // Tue: after the range
      call(line1, "connected", "2003-04-07T17:00:00Z"), // Mon
    ],
  });
  return { line1, line2, contacts };
}

const s = (iMessage: number, SMS: number, RCS: number, other: number) => ({ iMessage, SMS, RCS, other });

/** Every number the fixture gives, worked out by hand from the comments above. */
export const EXPECTED = {
  all: {
    volume: [
      { day: "2003-04-04", inbound: s(1, 1, 0, 0), outbound: s(3, 0, 0, 0) }, // A2 A4 | A3 D1 D2
      { day: "2003-04-05", inbound: s(1, 1, 0, 1), outbound: s(2, 2, 0, 0) }, // A5 D3 E2 | A6 C1 D4 E3
      { day: "2003-04-06", inbound: s(1, 0, 1, 0), outbound: s(2, 0, 1, 0) }, // A7 B1 | A8 B2 D6
      { day: "2003-04-07", inbound: s(3, 0, 0, 0), outbound: s(0, 1, 0, 0) }, // B3 C2 C4 | C3
    ],
    delivery: {
      outbound: 11,
      delivered: 5,
      sentOnly: 1,
      failed: 4,
      pending: 1,
      downgraded: 1,
      downgradedShare: 1 / 11,
    },
    errors: [
      { code: "10001", count: 2, message: "Failed to send message" },
      { code: "4002", count: 1, message: "This number is blacklisted" },
      { code: null, count: 1, message: "Undeliverable" },
    ],
    // Answered waits: 30, 120, 600, 1800, 3600, 4500, 5400 s; C4 unanswered. p90: 4500 + 0.4 × 900.
    firstResponse: {
      waits: 8,
      answered: 7,
      unanswered: 1,
      medianSeconds: 1800,
      p90Seconds: 4860,
      buckets: [1, 1, 1, 1, 3, 0, 0],
    },
    // [weekday (Mon = 0), hour, count]
    hours: [
      [4, 9, 1],
      [4, 23, 1],
      [5, 0, 1],
      [5, 10, 1],
      [5, 14, 1],
      [6, 1, 1],
      [6, 3, 1],
      [0, 10, 1],
      [0, 15, 1],
      [0, 23, 1],
    ],
    calls: [
      { disposition: "connected", count: 2 },
      { disposition: "not_answered", count: 1 },
      { disposition: "unknown", count: 1 },
      { disposition: "voicemail", count: 1 },
    ],
    contacts: [
      { day: "2003-04-04", newContacts: 1, optedOut: 0 },
      { day: "2003-04-05", newContacts: 1, optedOut: 0 },
      { day: "2003-04-06", newContacts: 1, optedOut: 1 },
      { day: "2003-04-07", newContacts: 1, optedOut: 1 },
    ],
  },
  line1: {
    volume: [
      { day: "2003-04-04", inbound: s(1, 1, 0, 0), outbound: s(1, 0, 0, 0) },
      { day: "2003-04-05", inbound: s(0, 1, 0, 0), outbound: s(0, 1, 0, 0) },
      { day: "2003-04-06", inbound: s(1, 0, 1, 0), outbound: s(1, 0, 1, 0) },
      { day: "2003-04-07", inbound: s(1, 0, 0, 0), outbound: s(0, 0, 0, 0) },
    ],
    delivery: { outbound: 4, delivered: 2, sentOnly: 1, failed: 1, pending: 0, downgraded: 1, downgradedShare: 0.25 },
    errors: [{ code: "10001", count: 1, message: "Failed to send message" }],
    // 120, 1800, 4500, 5400 s
    firstResponse: {
      waits: 4,
      answered: 4,
      unanswered: 0,
      medianSeconds: 3150,
      p90Seconds: 5130,
      buckets: [0, 1, 0, 1, 2, 0, 0],
    },
    calls: [
      { disposition: "connected", count: 2 },
      { disposition: "not_answered", count: 1 },
    ],
    contacts: [
      { day: "2003-04-04", newContacts: 0, optedOut: 0 },
      { day: "2003-04-05", newContacts: 0, optedOut: 0 },
      { day: "2003-04-06", newContacts: 1, optedOut: 1 },
      { day: "2003-04-07", newContacts: 0, optedOut: 0 },
    ],
  },
};

export const expectedIn = (year: FixtureYear) => inYear(EXPECTED, year);
