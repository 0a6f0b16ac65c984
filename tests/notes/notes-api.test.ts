import { describe, expect, it } from "vitest";
import { GET as listNotesRoute, POST as notePost } from "@/app/api/conversations/[id]/notes/route";
import { GET as messagesGet } from "@/app/api/conversations/[id]/messages/route";
import { GET as mentionsGet } from "@/app/api/mentions/route";
import { POST as mentionsRead } from "@/app/api/mentions/read/route";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { newConversation, newMember } from "../support/members";
import { call } from "../support/route-call";

// Internal notes over the API: stored with their author, paged, shown in the thread's
// events, validated (length, mentions), audited, and mentions notify the member.

const post = (id: number, bearer: string, body: unknown) =>
  call(notePost, { method: "POST", bearer, params: { id: String(id) }, body });

describe("internal notes API", () => {
  it("stores a note with its author, lists it in keyset pages and shows it in the thread", async () => {
    const ada = await newMember("Ada Lovelace");
    const { id } = await newConversation();
    const first = await post(id, ada.token, { body: "Called her back, she wants a refund" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      conversationId: id,
      author: { id: ada.id, name: "Ada Lovelace" },
      body: "Called her back, she wants a refund",
    });
    await post(id, ada.token, { body: "second" });
    await post(id, ada.token, { body: "third" });

    const page1 = await call(listNotesRoute, { bearer: ada.token, params: { id: String(id) }, headers: {} });
    expect(page1.body.notes.map((n: { body: string }) => n.body)).toEqual([
      "Called her back, she wants a refund",
      "second",
      "third",
    ]);
    const paged = await listNotesRoute(
      new Request(`http://inbox.test/api/conversations/${id}/notes?limit=2`, {
        headers: { authorization: `Bearer ${ada.token}` },
      }),
      { params: Promise.resolve({ id: String(id) }) },
    );
    const p = (await paged.json()) as { notes: { body: string }[]; nextCursor: string };
    expect(p.notes.map((n) => n.body)).toEqual(["Called her back, she wants a refund", "second"]);
    const rest = await listNotesRoute(
      new Request(`http://inbox.test/api/conversations/${id}/notes?limit=2&cursor=${p.nextCursor}`, {
        headers: { authorization: `Bearer ${ada.token}` },
      }),
      { params: Promise.resolve({ id: String(id) }) },
    );
    expect(((await rest.json()) as { notes: { body: string }[] }).notes.map((n) => n.body)).toEqual(["third"]);

    const thread = await call(messagesGet, { bearer: env().INBOX_API_TOKEN, params: { id: String(id) } });
    const notes = thread.body.events.filter((e: { type: string }) => e.type === "note");
    expect(notes).toHaveLength(3);
    expect(notes[0].note).toMatchObject({
      author: { name: "Ada Lovelace" },
      body: "Called her back, she wants a refund",
    });

    const activity = await testDb().conversationActivity.findMany({
      where: { conversationId: id },
      orderBy: { id: "asc" },
    });
    expect(activity.map((a) => [a.kind, a.actorName])).toEqual([
      ["note", "Ada Lovelace"],
      ["note", "Ada Lovelace"],
      ["note", "Ada Lovelace"],
    ]);
    expect(activity[0]!.data).toEqual({ noteId: first.body.id, mentions: [] });
  });

  it("refuses a note over 10,000 characters, an empty one and an unknown mention with a 400 naming the field", async () => {
    const ada = await newMember("Ada");
    const { id } = await newConversation();
    const long = await post(id, ada.token, { body: "x".repeat(10_001) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/^body: .*10,000/);
    expect((await post(id, ada.token, { body: "x".repeat(10_000) })).status).toBe(201);
    const empty = await post(id, ada.token, { body: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^body:/);
    const unknown = await post(id, ada.token, { body: "hi @nobody", mentions: [2_000_000_000] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^mentions:/);
    expect(await testDb().conversationNote.count({ where: { conversationId: id } })).toBe(1);
    expect((await post(999_999_999, ada.token, { body: "lost" })).status).toBe(404);
  });

  it("needs a member: the shared automation token cannot write notes", async () => {
    const { id } = await newConversation();
    const res = await post(id, env().INBOX_API_TOKEN!, { body: "who am I" });
    expect(res.status).toBe(403);
  });

  it("notifies a mentioned member until they read it, and only them", async () => {
    const ada = await newMember("Ada");
    const grace = await newMember("Grace Hopper");
    const { id } = await newConversation();
    const note = await post(id, ada.token, { body: "@Grace Hopper can you take this?", mentions: [grace.id, ada.id] });
    expect(note.status).toBe(201);

    const graces = await call(mentionsGet, { bearer: grace.token });
    expect(graces.body.unreadCount).toBe(1);
    expect(graces.body.mentions[0]).toMatchObject({
      noteId: note.body.id,
      conversationId: id,
      author: "Ada",
      excerpt: "@Grace Hopper can you take this?",
      readAt: null,
    });
    // Mentioning yourself notifies no one.
    expect((await call(mentionsGet, { bearer: ada.token })).body.unreadCount).toBe(0);

    // Ada cannot mark Grace's mention read; Grace can.
    expect(
      (await call(mentionsRead, { method: "POST", bearer: ada.token, body: { ids: [graces.body.mentions[0].id] } }))
        .body.marked,
    ).toBe(0);
    const read = await call(mentionsRead, {
      method: "POST",
      bearer: grace.token,
      body: { ids: [graces.body.mentions[0].id] },
    });
    expect(read.body).toEqual({ marked: 1, unreadCount: 0 });
    const after = await call(mentionsGet, { bearer: grace.token });
    expect(after.body.mentions[0].readAt).not.toBeNull();
    expect((await call(mentionsRead, { method: "POST", bearer: grace.token, body: {} })).status).toBe(400);
  });

  it("keeps the author's name when the member is removed", async () => {
    const temp = await newMember("Temp Agent");
    const { id } = await newConversation();
    const note = await post(id, temp.token, { body: "left a note" });
    await testDb().user.delete({ where: { id: temp.id } });
    const row = await testDb().conversationNote.findUniqueOrThrow({ where: { id: note.body.id } });
    expect(row).toMatchObject({ authorId: null, authorName: "Temp Agent" });
  });
});
