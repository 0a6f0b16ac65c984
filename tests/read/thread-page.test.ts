import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createPgPool } from "@/lib/db/pg-pool";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { presentNote } from "@/lib/notes/present-note";
import { decodeTimeIdCursor, encodeCursor } from "@/lib/read/cursor";
import { type ListMessagesInput, listMessages } from "@/lib/read/list-messages";
import { messageInclude, presentMessage } from "@/lib/read/present-message";
import { withReplyQuotes } from "@/lib/read/reply-quotes";
import { withSenderNames } from "@/lib/read/sender-names";
import { testDb } from "../support/db";
import { newMember } from "../support/members";
import { uniqueNumber } from "../support/webhooks";

// The thread page's one statement (lib/read/thread-page.ts) against the same page read
// through Prisma's models, as listMessages read it before: every mode, through the pg pool
// and through Prisma's client, on a group thread with named, company, nameless and unknown
// senders, a member's reply, attachments (kept, HEIC, a contact card), reactions (one taken
// back), inline replies (parent here, elsewhere, never stored, malformed), a location and an
// App Card, two messages at the same instant, and calls, line events, notes with mentions
// and activity inside and outside each page's window.

const db = testDb();
const pool = createPgPool(env().DATABASE_URL!, 2);
afterAll(() => pool.end());

type Key = { at: Date; id: number };
const olderThan = (k: Key): Prisma.MessageWhereInput => ({
  OR: [{ sentAt: { lt: k.at } }, { sentAt: k.at, id: { lt: k.id } }],
});
const newerThan = (k: Key): Prisma.MessageWhereInput => ({
  OR: [{ sentAt: { gt: k.at } }, { sentAt: k.at, id: { gt: k.id } }],
});

/** The events in a window as the Prisma models gave them. */
async function eventsThroughModels(conversationId: number, lineId: number | null, from: Date | null, to: Date | null) {
  const range = { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
  const [calls, lineEvents, notes, activity] = await Promise.all([
    db.callLog.findMany({
      where: { conversationId, startedAt: range },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    }),
    lineId === null
      ? []
      : db.lineEvent.findMany({
          where: { lineId, occurredAt: range },
          include: { line: { select: { number: true } } },
          orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
        }),
    db.conversationNote.findMany({
      where: { conversationId, createdAt: range },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { mentions: { select: { userId: true }, orderBy: { id: "asc" } } },
    }),
    db.conversationActivity.findMany({
      where: { conversationId, kind: { not: "note" }, createdAt: range },
      orderBy: { id: "asc" },
    }),
  ]);
  const events = [
    ...calls.map((c) => ({
      type: "call" as const,
      id: `call-${c.id}`,
      at: c.startedAt.toISOString(),
      direction: c.direction,
      disposition: c.disposition,
      durationSeconds: c.durationSeconds,
      transcript: c.transcript,
    })),
    ...lineEvents.map((e) => ({
      type: "line" as const,
      id: `line-${e.id}`,
      at: e.occurredAt.toISOString(),
      kind: e.kind,
      lineNumber: e.line.number,
    })),
    ...notes.map((n) => ({
      type: "note" as const,
      id: `note-${n.id}`,
      at: n.createdAt.toISOString(),
      note: presentNote(n),
    })),
    ...activity.map((r) => ({
      type: "activity" as const,
      id: `activity-${r.id}`,
      at: r.createdAt.toISOString(),
      kind: r.kind,
      actorName: r.actorName,
      data: r.data,
    })),
  ];
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** The page as listMessages read it through the models before the one statement. */
async function throughModels(conversationId: number, input: ListMessagesInput) {
  const limit = input.limit ?? 50;
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  const fetch = (where: Prisma.MessageWhereInput, order: "asc" | "desc", take: number) =>
    db.message.findMany({
      where: { conversationId, ...where },
      include: messageInclude,
      orderBy: [{ sentAt: order }, { id: order }],
      take: take + 1,
    });
  type Row = Awaited<ReturnType<typeof fetch>>[number];
  let older: Row[] = [];
  let newer: Row[] = [];
  let hasOlder = false;
  let hasNewer = false;
  const half = Math.max(Math.floor(limit / 2), 1);
  if (input.around || input.aroundNote) {
    let key: Key;
    let target: Row[] = [];
    if (input.around) {
      const m = await db.message.findUniqueOrThrow({ where: { handle: input.around }, include: messageInclude });
      key = { at: m.sentAt, id: m.id };
      target = [m];
    } else {
      const note = await db.conversationNote.findUniqueOrThrow({ where: { id: input.aroundNote! } });
      key = { at: note.createdAt, id: 2_147_483_647 };
    }
    const [o, n] = await Promise.all([fetch(olderThan(key), "desc", half), fetch(newerThan(key), "asc", half)]);
    [hasOlder, hasNewer] = [o.length > half, n.length > half];
    older = o.slice(0, half);
    newer = [...target, ...n.slice(0, half)];
  } else if (input.after) {
    const n = await fetch(newerThan(decodeTimeIdCursor(input.after)!), "asc", limit);
    [hasOlder, hasNewer] = [true, n.length > limit];
    newer = n.slice(0, limit);
  } else {
    const key = decodeTimeIdCursor(input.before);
    const o = await fetch(key ? olderThan(key) : {}, "desc", limit);
    [hasOlder, hasNewer] = [o.length > limit, Boolean(input.before)];
    older = o.slice(0, limit);
  }
  const rows = [...older.reverse(), ...newer];
  const [oldest, newest] = [rows[0], rows.at(-1)];
  const cursor = (m: Row) => encodeCursor([m.sentAt.toISOString(), m.id]);
  return {
    messages: await withReplyQuotes(db, await withSenderNames(db, rows.map(presentMessage))),
    events:
      input.withEvents === false
        ? []
        : await eventsThroughModels(
            conversationId,
            conversation.lineId,
            hasOlder ? (oldest?.sentAt ?? null) : null,
            hasNewer ? (newest?.sentAt ?? null) : null,
          ),
    nextCursor: hasOlder && oldest ? cursor(oldest) : null,
    newerCursor: hasNewer && newest ? cursor(newest) : null,
  };
}

let seq = 0;
const unique = (what: string) => `thread-test-${what}-${Date.now()}-${++seq}-${Math.random().toString(36).slice(2)}`;
const start = Date.parse("2026-02-01T09:00:00.000Z");
const at = (minute: number) => new Date(start + minute * 60_000);

let conversationId: number;
let emptyId: number;
const handles: string[] = [];
let noteId: number;
let elsewhereHandle: string;

async function message(data: Partial<Prisma.MessageUncheckedCreateInput> & { sentAt: Date }) {
  const handle = unique("msg");
  const m = await db.message.create({
    data: { handle, conversationId, direction: "inbound", status: "RECEIVED", content: `m${handles.length}`, ...data },
    select: { id: true, handle: true },
  });
  handles.push(m.handle);
  return m;
}

beforeAll(async () => {
  const bob = await newMember("Bob Thread");
  const alice = await newMember("Alice Thread");
  const line = await db.line.create({ data: { number: uniqueNumber(), name: "Support" } });
  const dana = await db.contact.create({ data: { number: uniqueNumber(), firstName: "Dana", lastName: "Reyes" } });
  const acme = await db.contact.create({ data: { number: uniqueNumber(), companyName: "Acme Co" } });
  const nameless = await db.contact.create({ data: { number: uniqueNumber() } });
  const stranger = uniqueNumber();
  const c = await db.conversation.create({
    data: { key: unique("key"), kind: "group", groupId: unique("grp"), lineId: line.id },
    select: { id: true },
  });
  conversationId = c.id;
  const other = await db.conversation.create({
    data: { key: unique("key"), kind: "direct", contactNumber: dana.number },
    select: { id: true },
  });
  emptyId = (await db.conversation.create({ data: { key: unique("key"), kind: "direct", contactNumber: acme.number } }))
    .id;
  elsewhereHandle = (
    await db.message.create({
      data: {
        handle: unique("else"),
        conversationId: other.id,
        direction: "inbound",
        status: "RECEIVED",
        sentAt: at(0),
      },
    })
  ).handle;

  // m0: a photo with no text, kept, plus a HEIC and a contact card; reactions, one taken back.
  const m0 = await message({ senderNumber: dana.number, content: "", sentAt: at(1) });
  await db.mediaAttachment.createMany({
    data: [
      {
        messageId: m0.id,
        sourceUrl: "https://cdn.test/a.jpg",
        kind: "image",
        contentType: "image/jpeg",
        fileName: "a.jpg",
        mirrorState: "kept",
        storageKey: "k/a",
        thumbnailKey: "k/a.thumb",
        byteSize: 1200,
        width: 640,
        height: 480,
      },
      { messageId: m0.id, sourceUrl: "https://cdn.test/b.heic", kind: "image", contentType: "image/heic" },
      {
        messageId: m0.id,
        sourceUrl: "https://cdn.test/c.vcf",
        kind: "contact",
        card: { name: "Pat", phones: ["+15550001111"] },
        lastError: "too big",
        mirrorState: "failed",
      },
    ],
  });
  await db.reaction.createMany({
    data: [
      {
        handle: unique("r"),
        messageId: m0.id,
        reaction: "love",
        direction: "inbound",
        senderNumber: acme.number,
        sentAt: at(2),
      },
      {
        handle: unique("r"),
        messageId: m0.id,
        reaction: "like",
        direction: "inbound",
        senderNumber: acme.number,
        sentAt: at(3),
      },
      {
        handle: unique("r"),
        messageId: m0.id,
        reaction: "like",
        removed: true,
        direction: "inbound",
        senderNumber: acme.number,
        sentAt: at(4),
      },
      {
        handle: unique("r"),
        messageId: m0.id,
        reaction: "emoji",
        emoji: "🎉",
        partIndex: 1,
        direction: "outbound",
        sentAt: at(5),
      },
    ],
  });
  const long = await message({ senderNumber: acme.number, content: `${"long ".repeat(40)}end`, sentAt: at(2) });
  await message({ senderNumber: nameless.number, sentAt: at(3) });
  await message({ senderNumber: stranger, sentAt: at(4) });
  // A member's reply, failed, from a number an inbound sender on the page also has.
  await message({
    direction: "outbound",
    status: "ERROR",
    errorCode: "10001",
    errorMessage: "failed",
    errorReason: "blocked",
    sendStyle: "invisible",
    wasDowngraded: true,
    sentByUserId: bob.id,
    senderNumber: dana.number,
    senderEmail: "seat@example.com",
    clientId: unique("client"),
    extra: { seat_id: "seat-9" },
    sentAt: at(5),
  });
  await message({
    senderNumber: acme.number,
    extra: { reply_to: { message_handle: m0.handle, part_index: 0 } },
    sentAt: at(6),
  });
  await message({ senderNumber: acme.number, extra: { reply_to: { message_handle: long.handle } }, sentAt: at(7) });
  await message({ senderNumber: dana.number, extra: { reply_to: { message_handle: elsewhereHandle } }, sentAt: at(8) });
  await message({ senderNumber: dana.number, extra: { reply_to: { message_handle: "never-stored" } }, sentAt: at(9) });
  await message({ senderNumber: dana.number, extra: { reply_to: { message_handle: 42 } }, sentAt: at(10) });
  await message({
    senderNumber: dana.number,
    extra: {
      location: { latitude: 48.85, longitude: 2.35, accuracy: 12 },
      app_card: { appName: "Maps", url: "https://maps.test/x", layout: { caption: "Here", imageTitle: "Paris" } },
    },
    sentAt: at(11),
  });
  // Two at the same instant: the id orders them.
  await message({ senderNumber: dana.number, sentAt: at(12) });
  await message({ senderNumber: acme.number, sentAt: at(12) });
  for (let i = 13; i < 40; i++) await message({ senderNumber: i % 2 ? dana.number : acme.number, sentAt: at(i) });

  // Events across the whole timeline, some on a message's exact time.
  for (const minute of [0.5, 6, 12, 25.5, 39, 45]) {
    await db.callLog.create({
      data: {
        conversationId,
        direction: "inbound",
        disposition: minute > 30 ? "voicemail" : "answered",
        durationSeconds: Math.round(minute * 10),
        transcript: minute === 25.5 ? "call me back" : null,
        startedAt: at(minute),
      },
    });
    await db.lineEvent.create({
      data: { lineId: line.id, kind: minute > 20 ? "blocked" : "assigned", occurredAt: at(minute + 0.25) },
    });
    await db.conversationActivity.create({
      data: {
        conversationId,
        actorId: alice.id,
        actorName: "Alice Thread",
        kind: "state",
        data: { to: "done" },
        createdAt: at(minute + 0.1),
      },
    });
    await db.conversationActivity.create({ data: { conversationId, kind: "note", createdAt: at(minute + 0.2) } });
  }
  const note = await db.conversationNote.create({
    data: { conversationId, authorId: alice.id, authorName: "Alice Thread", body: "see m20", createdAt: at(20.5) },
  });
  await db.noteMention.createMany({
    data: [
      { noteId: note.id, userId: bob.id, conversationId },
      { noteId: note.id, userId: alice.id, conversationId },
    ],
  });
  await db.conversationNote.create({
    data: { conversationId, authorId: null, authorName: "Former member", body: "early", createdAt: at(2.5) },
  });
  noteId = note.id;
});

describe("a thread page in one statement", () => {
  it("answers every mode exactly as the Prisma models did, through the pg pool and through Prisma", async () => {
    const latest = await throughModels(conversationId, { limit: 10 });
    const middle = await throughModels(conversationId, { limit: 10, before: latest.nextCursor });
    const inputs: ListMessagesInput[] = [
      {},
      { limit: 10 },
      { limit: 10, before: latest.nextCursor },
      { limit: 10, before: middle.nextCursor },
      { limit: 200 },
      { limit: 1 },
      { limit: 10, after: middle.newerCursor },
      { limit: 10, after: encodeCursor([at(0).toISOString(), 0]) },
      { limit: 10, around: handles[12] },
      { limit: 10, around: handles[0] },
      { limit: 10, around: handles.at(-1) },
      { limit: 7, aroundNote: noteId },
      { limit: 10, before: latest.nextCursor, withEvents: false },
    ];
    for (const input of inputs) {
      const expected = await throughModels(conversationId, input);
      expect(await listMessages(pool, conversationId, input), JSON.stringify(input)).toEqual(expected);
      expect(await listMessages(db, conversationId, input), JSON.stringify(input)).toEqual(expected);
    }
    // The fixture holds what it is meant to: names, quotes, media and each kind of event.
    const all = await listMessages(pool, conversationId, { limit: 200 });
    expect(all.messages.map((m) => m.senderName).slice(0, 5)).toEqual([
      "Dana Reyes",
      "Acme Co",
      null,
      null,
      "Dana Reyes",
    ]);
    expect(all.messages.map((m) => m.replyQuote?.found ?? null).slice(5, 11)).toEqual([
      true,
      true,
      false,
      false,
      null,
      null,
    ]);
    expect(all.messages[5]!.replyQuote?.preview).toBe("a.jpg");
    expect(all.messages[0]!.media).toHaveLength(3);
    expect(new Set(all.events.map((e) => e.type))).toEqual(new Set(["call", "line", "note", "activity"]));
  });

  it("answers an empty thread, and 404s for a missing conversation, message or note", async () => {
    for (const client of [pool, db] as (typeof pool | Db)[]) {
      expect(await listMessages(client, emptyId)).toEqual({
        messages: [],
        events: [],
        nextCursor: null,
        newerCursor: null,
      });
      await expect(listMessages(client, 2_000_000_000)).rejects.toMatchObject({ status: 404 });
      await expect(listMessages(client, conversationId, { around: elsewhereHandle })).rejects.toMatchObject({
        status: 404,
        message: "That message is not in this conversation",
      });
      await expect(listMessages(client, emptyId, { aroundNote: noteId })).rejects.toMatchObject({
        status: 404,
        message: "That note is not in this conversation",
      });
    }
  });
});
