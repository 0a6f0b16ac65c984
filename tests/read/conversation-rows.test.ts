import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgPool } from "@/lib/db/pg-pool";
import { env } from "@/lib/env";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contactName, groupTitle } from "@/lib/read/conversation-title";
import { getConversation, listConversations } from "@/lib/read/list-conversations";
import { messageInclude, presentMessage } from "@/lib/read/present-message";
import { contactNamesByNumber } from "@/lib/read/sender-names";
import { TYPING_FRESH_MS } from "@/lib/read/typing-fresh";
import { markReadForMember } from "@/lib/workflow/member-reads";
import { testDb } from "../support/db";
import { newMember } from "../support/members";
import { uniqueNumber } from "../support/webhooks";

// The list's one statement (lib/read/conversation-rows.ts) against the rows read through
// Prisma's models, as listConversations read them before: the same answer for groups named
// and unnamed, contacts with and without names, a last message with media, reactions,
// sender and extras, labels, typing, a disabled assignee, and each member's unread count.

const db = testDb();
const pool = createPgPool(env().DATABASE_URL!, 2);
afterAll(() => pool.end());

const select = {
  id: true,
  kind: true,
  contactNumber: true,
  groupId: true,
  displayName: true,
  lastMessageId: true,
  lastActivityAt: true,
  unreadCount: true,
  line: { select: { number: true, name: true, blocked: true } },
  contact: { select: { number: true, firstName: true, lastName: true, companyName: true, tags: true, optedOut: true } },
  participants: { select: { number: true }, orderBy: [{ addedAt: "asc" }, { number: "asc" }] },
  typing: { select: { isTyping: true, updatedAt: true } },
  labels: { select: { label: { select: { id: true, name: true, color: true } } }, orderBy: { addedAt: "asc" } },
  state: true,
  snoozedUntil: true,
  assignee: { select: { id: true, name: true, email: true, disabledAt: true } },
} satisfies Prisma.ConversationSelect;

/** The conversation as the Prisma models present it (the path the statement replaced). */
async function throughModels(db: Db, id: number, viewerId: number | null) {
  const c = await db.conversation.findUniqueOrThrow({ where: { id }, select });
  const last = c.lastMessageId
    ? await db.message.findUnique({ where: { id: c.lastMessageId }, include: messageInclude })
    : null;
  const people = c.participants.map((p) => p.number).filter((n) => n !== c.line?.number);
  const names = await contactNamesByNumber(db, c.kind === "group" ? people : []);
  let unread = c.unreadCount;
  if (viewerId !== null) {
    const [row] = await db.$queryRaw<{ unread: number }[]>`
      SELECT CASE WHEN r.marked_unread THEN greatest(1, n.n) ELSE n.n END AS unread
      FROM conversations c
      LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = ${viewerId}
      CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM (SELECT 1 FROM messages m
        WHERE coalesce(c.last_inbound_at, 'infinity') > coalesce(r.read_at, c.last_read_at, '-infinity'::timestamptz)
          AND m.conversation_id = c.id AND m.direction = 'inbound'
          AND m.sent_at > coalesce(r.read_at, c.last_read_at, '-infinity'::timestamptz) LIMIT 100) x) n
      WHERE c.id = ${id}`;
    unread = row!.unread;
  }
  return {
    id: c.id,
    kind: c.kind,
    line: c.line?.number ?? null,
    lineName: c.line?.name ?? null,
    contactNumber: c.kind === "direct" ? c.contactNumber : null,
    lineBlocked: c.line?.blocked ?? false,
    title:
      c.kind === "group"
        ? groupTitle(
            c.displayName,
            people.map((n) => names.get(n) ?? n),
          )
        : contactName(c.contact) || c.contactNumber || "Unknown",
    contact: c.contact
      ? {
          number: c.contact.number,
          name: contactName(c.contact),
          firstName: c.contact.firstName,
          lastName: c.contact.lastName,
          company: c.contact.companyName,
          tags: c.contact.tags,
          optedOut: c.contact.optedOut,
        }
      : null,
    groupId: c.groupId,
    participants: people,
    lastMessage: last ? presentMessage(last) : null,
    unreadCount: unread,
    state: c.state,
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    assignee:
      c.assignee && !c.assignee.disabledAt ? { id: c.assignee.id, name: c.assignee.name ?? c.assignee.email } : null,
    typing: Boolean(c.typing?.isTyping && Date.now() - c.typing.updatedAt.getTime() < TYPING_FRESH_MS),
    labels: c.labels.map((l) => l.label),
    updatedAt: c.lastActivityAt.toISOString(),
  };
}

let seq = 0;
const unique = (what: string) => `rows-test-${what}-${Date.now()}-${++seq}-${Math.random().toString(36).slice(2)}`;

async function conversation(data: Omit<Prisma.ConversationUncheckedCreateInput, "key">) {
  return db.conversation.create({ data: { key: unique("key"), ...data }, select: { id: true } });
}

async function message(conversationId: number, data: Partial<Prisma.MessageUncheckedCreateInput> = {}) {
  const m = await db.message.create({
    data: {
      handle: unique("msg"),
      conversationId,
      direction: "inbound",
      status: "RECEIVED",
      content: "hello",
      sentAt: new Date(),
      ...data,
    },
    select: { id: true, sentAt: true, direction: true },
  });
  await db.conversation.update({
    where: { id: conversationId },
    data: {
      lastMessageId: m.id,
      lastMessageAt: m.sentAt,
      lastActivityAt: m.sentAt,
      ...(m.direction === "inbound" ? { lastInboundAt: m.sentAt } : {}),
    },
  });
  return m;
}

const ids: number[] = [];
let alice: { id: number };
let bob: { id: number };

beforeAll(async () => {
  alice = await newMember("Alice Rows");
  bob = await newMember("Bob Rows");
  const gone = await newMember("Gone Rows");
  await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
  const line = await db.line.create({ data: { number: uniqueNumber(), name: "Support", blocked: true } });
  const named = await db.contact.create({
    data: { number: uniqueNumber(), firstName: "Dana", lastName: "Reyes", tags: ["vip", "b2b"], optedOut: true },
  });
  const company = await db.contact.create({ data: { number: uniqueNumber(), companyName: "Acme Co" } });
  const nameless = await db.contact.create({ data: { number: uniqueNumber() } });

  // A named contact, assigned, labelled twice, typing, snoozed; the last message is an
  // outbound reply with media (kept, a HEIC, a card), reactions (one taken back) and extras.
  const direct = await conversation({
    kind: "direct",
    lineId: line.id,
    contactNumber: named.number,
    assigneeId: alice.id,
    state: "snoozed",
    snoozedUntil: new Date(Date.now() + 3_600_000),
  });
  await message(direct.id, { sentAt: new Date(Date.now() - 60_000) });
  await message(direct.id, { sentAt: new Date(Date.now() - 50_000) });
  const reply = await message(direct.id, {
    direction: "outbound",
    status: "ERROR",
    errorCode: "10001",
    errorMessage: "failed",
    sendStyle: "invisible",
    wasDowngraded: true,
    sentByUserId: bob.id,
    senderEmail: "seat@example.com",
    extra: { reply_to: { message_handle: "parent-1", part_index: 0 }, seat_id: "seat-9" },
    sentAt: new Date(Date.now() - 40_000),
  });
  await db.mediaAttachment.createMany({
    data: [
      {
        messageId: reply.id,
        sourceUrl: "https://cdn.test/a.jpg",
        kind: "image",
        contentType: "image/jpeg",
        mirrorState: "kept",
        storageKey: "k/a",
        thumbnailKey: "k/a.thumb",
        byteSize: 1200,
        width: 640,
        height: 480,
      },
      { messageId: reply.id, sourceUrl: "https://cdn.test/b.heic", kind: "image", contentType: "image/heic" },
      {
        messageId: reply.id,
        sourceUrl: "https://cdn.test/c.vcf",
        kind: "contact",
        card: { name: "Pat", phones: ["+15550001111"] },
        lastError: "too big",
        mirrorState: "failed",
      },
    ],
  });
  const at = (s: number) => new Date(Date.now() - s * 1000);
  await db.reaction.createMany({
    data: [
      {
        handle: unique("r"),
        messageId: reply.id,
        reaction: "love",
        direction: "inbound",
        senderNumber: named.number,
        sentAt: at(30),
      },
      {
        handle: unique("r"),
        messageId: reply.id,
        reaction: "like",
        direction: "inbound",
        senderNumber: named.number,
        sentAt: at(20),
      },
      {
        handle: unique("r"),
        messageId: reply.id,
        reaction: "like",
        removed: true,
        direction: "inbound",
        senderNumber: named.number,
        sentAt: at(10),
      },
      {
        handle: unique("r"),
        messageId: reply.id,
        reaction: "emoji",
        emoji: "🎉",
        partIndex: 1,
        direction: "outbound",
        sentAt: at(5),
      },
    ],
  });
  const labels = await Promise.all(
    ["Billing", "Urgent"].map((name, i) =>
      db.label.create({ data: { name: unique(name), nameKey: unique(name).toLowerCase(), color: i ? "red" : "blue" } }),
    ),
  );
  await db.conversationLabel.create({ data: { conversationId: direct.id, labelId: labels[1]!.id, addedAt: at(100) } });
  await db.conversationLabel.create({ data: { conversationId: direct.id, labelId: labels[0]!.id, addedAt: at(50) } });
  await db.typingState.create({ data: { conversationId: direct.id, isTyping: true, updatedAt: new Date() } });
  // Alice read it after the first inbound message; Bob never did (the shared position answers).
  await db.conversationRead.create({ data: { userId: alice.id, conversationId: direct.id, readAt: at(55) } });
  await db.conversation.update({ where: { id: direct.id }, data: { lastReadAt: at(70), unreadCount: 2 } });
  ids.push(direct.id);

  // A company contact, a disabled member's, stale typing, marked unread by Bob, no messages.
  const companyDirect = await conversation({
    kind: "direct",
    contactNumber: company.number,
    assigneeId: gone.id,
  });
  await db.typingState.create({
    data: { conversationId: companyDirect.id, isTyping: true, updatedAt: at(TYPING_FRESH_MS / 1000 + 5) },
  });
  await db.conversationRead.create({
    data: { userId: bob.id, conversationId: companyDirect.id, readAt: new Date(), markedUnread: true },
  });
  ids.push(companyDirect.id);

  // A number with a nameless contact row (done), and a conversation with no number at all.
  const namelessDirect = await conversation({ kind: "direct", contactNumber: nameless.number, state: "done" });
  await message(namelessDirect.id, { content: "", service: "SMS" });
  ids.push(namelessDirect.id);
  const unknown = await conversation({ kind: "direct" });
  await message(unknown.id, { extra: { location: { latitude: 1.5, longitude: 2.5 } } });
  ids.push(unknown.id);

  // Groups: six people (our line among them) called by names and numbers, one with a display
  // name, and one with nobody but our line.
  const members = [named.number, uniqueNumber(), company.number, nameless.number, uniqueNumber(), uniqueNumber()];
  const group = await conversation({ kind: "group", groupId: unique("g"), lineId: line.id });
  const added = new Date(Date.now() - 3_600_000);
  await db.conversationParticipant.createMany({
    data: [line.number, ...members].map((number, i) => ({
      conversationId: group.id,
      number,
      addedAt: i < 3 ? added : new Date(added.getTime() + i * 1000),
    })),
  });
  await message(group.id, { senderNumber: members[1], content: "in the group" });
  await markReadForMember(db, alice.id, group.id);
  ids.push(group.id);
  const namedGroup = await conversation({ kind: "group", groupId: unique("g"), displayName: "Book club" });
  await db.conversationParticipant.createMany({
    data: members.slice(0, 2).map((number) => ({ conversationId: namedGroup.id, number })),
  });
  ids.push(namedGroup.id);
  const emptyGroup = await conversation({ kind: "group", groupId: unique("g"), lineId: line.id });
  await db.conversationParticipant.create({ data: { conversationId: emptyGroup.id, number: line.number } });
  ids.push(emptyGroup.id);
});

describe("the list's one statement", () => {
  it("answers each conversation as the Prisma models did, for each viewer and the shared count", async () => {
    for (const viewerId of [null, alice.id, bob.id]) {
      for (const id of ids) {
        const expected = await throughModels(db, id, viewerId);
        expect(await getConversation(pool, id, viewerId)).toEqual(expected);
        // Callers holding Prisma's client (exports, push notices) read the same statement.
        expect(await getConversation(db, id, viewerId)).toEqual(expected);
      }
    }
  });

  it("lists the same rows, in activity order, with the same cursor paging", async () => {
    const expected = await Promise.all(ids.map((id) => throughModels(db, id, alice.id)));
    expected.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
    // Other tests' rows share the database (some dated in the future): walk pages of 3 from
    // just above our newest row and keep ours.
    const top = expected[0]!;
    const cursorAbove = Buffer.from(JSON.stringify([top.updatedAt, top.id + 1])).toString("base64url");
    const seen: Awaited<ReturnType<typeof throughModels>>[] = [];
    let cursor: string | null = cursorAbove;
    const oldest = expected.at(-1)!;
    while (cursor) {
      const page = await listConversations(pool, { cursor, limit: 3, viewerId: alice.id });
      expect(page.conversations.length).toBeLessThanOrEqual(3);
      seen.push(...page.conversations.filter((c) => ids.includes(c.id)));
      const last = page.conversations.at(-1);
      cursor = last && last.updatedAt >= oldest.updatedAt ? page.nextCursor : null;
    }
    expect(seen).toEqual(expected);
  });

  it("answers the label filter, the Unread filter and a tab from the same statement", async () => {
    const direct = ids[0]!;
    const label = (await db.conversationLabel.findFirstOrThrow({ where: { conversationId: direct } })).labelId;
    const labelled = await listConversations(pool, { labelId: label, viewerId: bob.id });
    expect(labelled.conversations).toEqual([await throughModels(db, direct, bob.id)]);
    const snoozed = await listConversations(pool, { tab: "snoozed", viewerId: alice.id, limit: 200 });
    expect(snoozed.conversations.find((c) => c.id === direct)).toEqual(await throughModels(db, direct, alice.id));
    // Bob marked the company conversation unread; Alice did not.
    const unreadForBob = await listConversations(pool, {
      unread: true,
      viewerId: bob.id,
      limit: 200,
      tab: "unassigned",
    });
    expect(unreadForBob.conversations.find((c) => c.id === ids[1])).toMatchObject({ unreadCount: 1, assignee: null });
  });
});
