import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as searchGet } from "@/app/api/search/route";
import { addConversationLabel } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { createNote } from "@/lib/notes/create-note";
import type { SearchResponse } from "@/lib/search/search-messages";
import { changeConversation } from "@/lib/workflow/change-conversation";
import { testDb } from "../support/db";
import { newMember } from "../support/members";
import { callWebhook, receiveBody } from "../support/webhooks";

// The team filters of search (issue 14): label:, state: and assignee: narrow every kind of
// query — words, phrases, a phone number — and a query of filters alone lists the matching
// conversations, most recently active first, each with its newest message. Everything here
// is named with a fresh word, label and member, so the shared database cannot interfere.

const w = `zq${randomBytes(4).toString("hex")}`;
// Three numbers sharing their first digits, so one phone query matches all of them.
const stem = `555${Math.floor(Math.random() * 1e6)
  .toString()
  .padStart(6, "0")}`;
const numberOf = (last: string) => `+1${stem}${last}`;
const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 10, minute)).toISOString();

type Found = SearchResponse & { error?: { code: string; message: string } };
let ada: Awaited<ReturnType<typeof newMember>>;
let label: string;
// a: assigned to Ada, labelled · b: done · c: open, labelled, most recently active
const c: Record<"a" | "b" | "c", { id: number; number: string; newest: string }> = {} as never;

async function search(q: string, extra: Record<string, string> = {}, bearer = ada.token) {
  const url = `http://inbox.test/api/search?${new URLSearchParams({ q, ...extra })}`;
  const response = await searchGet(new Request(url, { headers: { authorization: `Bearer ${bearer}` } }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, body: (await response.json()) as Found };
}

const conversationIds = (body: SearchResponse) => body.results.map((r) => r.conversation.id);

async function say(number: string, content: string, minute: number) {
  const body = receiveBody({ number, content, date_sent: at(minute) });
  expect((await callWebhook("receive", body)).status).toBe(200);
  return body.message_handle;
}

beforeAll(async () => {
  const db = testDb();
  ada = await newMember(`Ada ${w}`);
  const actor = { id: ada.id, name: ada.name, email: ada.email };
  label = `VIP ${w}`;
  await createLabel(db, { name: label, color: "purple" });
  const minutes = { a: 1, b: 2, c: 3 } as const;
  for (const key of ["a", "b", "c"] as const) {
    const number = numberOf(String(minutes[key]));
    await say(number, `older note about the ${w} order`, minutes[key] * 10);
    const newest = await say(number, `latest from ${key}: where is my ${w} parcel?`, minutes[key] * 10 + 1);
    const { conversationId: id } = await db.message.findUniqueOrThrow({
      where: { handle: newest },
      select: { conversationId: true },
    });
    // The contact's name holds the word too, so a word query also lists the conversations.
    await db.contact.update({ where: { number }, data: { firstName: w } });
    c[key] = { id, number, newest };
  }
  await changeConversation(db, c.a.id, actor, { assigneeId: ada.id });
  await changeConversation(db, c.b.id, actor, { state: "done", assigneeId: null });
  await changeConversation(db, c.c.id, actor, { assigneeId: null });
  await addConversationLabel(db, actor, c.a.id, { name: label });
  await addConversationLabel(db, actor, c.c.id, { name: label });
  await createNote(
    db,
    { ...actor, role: "member" },
    { conversationId: c.a.id, body: `Ada: ${w} refund approved`, mentions: [] },
  );
  await createNote(
    db,
    { ...actor, role: "member" },
    { conversationId: c.b.id, body: `Closed: ${w} refund sent`, mentions: [] },
  );
});

describe("a query of filters alone", () => {
  it("lists the matching conversations, most recently active first, each with its newest message", async () => {
    const { status, body } = await search(`label:"${label}"`);
    expect(status).toBe(200);
    expect(body.kind).toBe("filters");
    expect(conversationIds(body)).toEqual([c.c.id, c.a.id]);
    expect(body.results.map((r) => r.handle)).toEqual([c.c.newest, c.a.newest]);
    expect(body.results[0]!.snippet.map((p) => p.text).join("")).toBe(`latest from c: where is my ${w} parcel?`);
    // Each result stands for its conversation: no separate list of conversations, no notes.
    expect(body.conversations).toEqual([]);
    expect(body.notes).toEqual([]);
  });

  it("takes assignee: (a name, me), state: and several filters together", async () => {
    expect(conversationIds((await search(`assignee:"Ada ${w}"`)).body)).toEqual([c.a.id]);
    expect(conversationIds((await search("assignee:me")).body)).toEqual([c.a.id]);
    expect(conversationIds((await search(`state:open label:"${label}"`)).body)).toEqual([c.c.id, c.a.id]);
    expect(conversationIds((await search(`state:open assignee:"ada ${w}"`)).body)).toEqual([c.a.id]);
    expect(conversationIds((await search(`state:done label:"${label}"`)).body)).toEqual([]);
    // state: alone covers every conversation in the database; the contact filter keeps ours.
    expect(conversationIds((await search("state:done", { contact: c.b.number })).body)).toEqual([c.b.id]);
    expect(conversationIds((await search("state:open", { contact: c.b.number })).body)).toEqual([]);
    expect(conversationIds((await search("assignee:none", { contact: c.c.number })).body)).toEqual([c.c.id]);
  });

  it("pages by conversation with the cursor", async () => {
    const first = await search(`label:"${label}"`, { limit: "1" });
    expect(conversationIds(first.body)).toEqual([c.c.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search(`label:"${label}"`, { limit: "1", cursor: first.body.nextCursor! });
    expect(conversationIds(second.body)).toEqual([c.a.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("keeps the message filters: the newest message that passes them", async () => {
    const older = await testDb().message.findFirstOrThrow({
      where: { conversationId: c.a.id, content: { startsWith: "older" } },
    });
    const { body } = await search("assignee:me", { to: older.sentAt.toISOString() });
    expect(body.results.map((r) => r.handle)).toEqual([older.handle]);
  });

  it("answers an unknown label or member with a message naming the filter", async () => {
    const label404 = await search(`label:nothing-${w}`);
    expect([label404.status, label404.body.error?.message]).toEqual([400, `label: no label called "nothing-${w}"`]);
    const member404 = await search(`assignee:nobody-${w}`);
    expect(member404.status).toBe(400);
    expect(member404.body.error?.message).toMatch(/^assignee: no member "nobody-/);
    const badState = await search("state:archived");
    expect([badState.status, badState.body.error?.message]).toEqual([
      400,
      expect.stringMatching(/^state: use open, done, snoozed/),
    ]);
  });
});

describe("filters with words", () => {
  it("narrow the messages, the conversations named by the words, and the notes", async () => {
    const all = await search(w);
    expect(new Set(conversationIds(all.body))).toEqual(new Set([c.a.id, c.b.id, c.c.id]));
    expect(all.body.conversations.map((x) => x.id).sort()).toEqual([c.a.id, c.b.id, c.c.id].sort());

    const labelled = await search(`${w} label:"${label}"`);
    expect(new Set(conversationIds(labelled.body))).toEqual(new Set([c.a.id, c.c.id]));
    expect(labelled.body.conversations.map((x) => x.id)).toEqual([c.c.id, c.a.id]);

    const done = await search(`refund ${w} state:done`);
    expect(done.body.notes.map((n) => n.conversation.id)).toEqual([c.b.id]);
    const mine = await search(`"${w} refund" assignee:me`);
    expect(mine.body.notes.map((n) => n.conversation.id)).toEqual([c.a.id]);
    expect(mine.body.conversations).toEqual([]);
  });
});

describe("filters with a phone number", () => {
  it("label:, state: and assignee: narrow the messages and the conversations of a number query", async () => {
    const everyone = await search(stem);
    expect(everyone.body.kind).toBe("phone");
    expect(new Set(conversationIds(everyone.body))).toEqual(new Set([c.a.id, c.b.id, c.c.id]));

    const labelled = await search(`label:"${label}" ${stem}`);
    expect(labelled.status).toBe(200);
    expect(labelled.body.kind).toBe("phone");
    expect(new Set(conversationIds(labelled.body))).toEqual(new Set([c.a.id, c.c.id]));
    expect(labelled.body.conversations.map((x) => x.id)).toEqual([c.c.id, c.a.id]);

    const done = await search(`${stem} state:done`);
    expect(new Set(conversationIds(done.body))).toEqual(new Set([c.b.id]));
    expect(done.body.conversations.map((x) => x.id)).toEqual([c.b.id]);

    const mine = await search(`assignee:me ${stem}`);
    expect(new Set(conversationIds(mine.body))).toEqual(new Set([c.a.id]));
    expect(mine.body.conversations.map((x) => x.id)).toEqual([c.a.id]);
  });
});
