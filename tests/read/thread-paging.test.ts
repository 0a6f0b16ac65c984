import { beforeAll, describe, expect, it } from "vitest";
import { GET as messagesGet } from "@/app/api/conversations/[id]/messages/route";
import { ApiError } from "@/lib/http/api-error";
import { listMessages } from "@/lib/read/list-messages";
import { createUser } from "@/lib/auth/users";
import { createNote } from "@/lib/notes/create-note";
import { authedGet } from "../support/api";
import { newConversation } from "../support/members";
import { randomEmail } from "../support/route-call";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

// Thread pages in every mode (latest, before, after, around, aroundNote) and the call/line entries
// that ride along inside each page's time window.

const line = `+1512${Math.floor(Math.random() * 1e7)
  .toString()
  .padStart(7, "0")}`;
const contact = uniqueNumber();
const start = Date.parse("2026-03-01T12:00:00Z");
const handles: string[] = [];
let conversationId: number;

const texts = (page: { messages: { content: string }[] }) => page.messages.map((m) => m.content);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m${from + i}`);

beforeAll(async () => {
  for (let i = 0; i < 30; i++) {
    const handle = uniqueHandle();
    handles.push(handle);
    const at = new Date(start + i * 60_000).toISOString();
    const res = await callWebhook(
      "receive",
      receiveBody({ number: contact, sendblue_number: line, message_handle: handle, content: `m${i}`, date_sent: at }),
    );
    expect(res.status).toBe(200);
  }
  // A call between m24 and m25, a line event between m4 and m5.
  await callWebhook("call_log", {
    number: contact,
    sendblue_number: line,
    disposition: "voicemail",
    duration: 12,
    timestamp: new Date(start + 24.5 * 60_000).toISOString(),
  });
  await callWebhook("line_blocked", { sendblue_number: line, timestamp: new Date(start + 4.5 * 60_000).toISOString() });
  const c = await testDb().conversation.findUniqueOrThrow({ where: { key: `direct:${line}:${contact}` } });
  conversationId = c.id;
});

describe("listMessages paging", () => {
  it("serves the latest page with an older cursor and no newer one", async () => {
    const page = await listMessages(testDb(), conversationId, { limit: 10 });
    expect(texts(page)).toEqual(range(20, 29));
    expect(page.nextCursor).not.toBeNull();
    expect(page.newerCursor).toBeNull();
    expect(page.events.map((e) => e.type)).toEqual(["call"]);
    expect(page.events[0]).toMatchObject({ disposition: "voicemail", durationSeconds: 12 });
  });

  it("walks older with before and back newer with after", async () => {
    const latest = await listMessages(testDb(), conversationId, { limit: 10 });
    const older = await listMessages(testDb(), conversationId, { limit: 10, before: latest.nextCursor });
    expect(texts(older)).toEqual(range(10, 19));
    expect(older.newerCursor).not.toBeNull();
    expect(older.events).toEqual([]);
    const oldest = await listMessages(testDb(), conversationId, { limit: 10, before: older.nextCursor });
    expect(texts(oldest)).toEqual(range(0, 9));
    expect(oldest.nextCursor).toBeNull();
    expect(oldest.events.map((e) => e.type)).toEqual(["line"]);
    expect(oldest.events[0]).toMatchObject({ kind: "blocked", lineNumber: line });

    const newer = await listMessages(testDb(), conversationId, { limit: 10, after: oldest.newerCursor });
    expect(texts(newer)).toEqual(range(10, 19));
    const newest = await listMessages(testDb(), conversationId, { limit: 10, after: newer.newerCursor });
    expect(texts(newest)).toEqual(range(20, 29));
    expect(newest.newerCursor).toBeNull();
  });

  it("centres a page around a message handle", async () => {
    const page = await listMessages(testDb(), conversationId, { limit: 10, around: handles[15] });
    expect(texts(page)).toEqual(range(10, 20));
    expect(page.nextCursor).not.toBeNull();
    expect(page.newerCursor).not.toBeNull();
    const edge = await listMessages(testDb(), conversationId, { limit: 10, around: handles[28] });
    expect(texts(edge)).toEqual(range(23, 29));
    expect(edge.newerCursor).toBeNull();
  });

  it("opens a page around an internal note, the note among its events", async () => {
    const author = await createUser(testDb(), {
      email: randomEmail(),
      password: "correct horse battery",
      name: "Paging Author",
    });
    const note = await createNote(
      testDb(),
      { ...author, role: "member" },
      { conversationId, body: "see m12", mentions: [] },
    );
    // Written between m12 and m13, long before the latest page.
    await testDb().conversationNote.update({
      where: { id: note.id },
      data: { createdAt: new Date(start + 12.5 * 60_000) },
    });
    const page = await listMessages(testDb(), conversationId, { limit: 10, aroundNote: note.id });
    expect(texts(page)).toEqual(range(8, 17));
    expect(page.nextCursor).not.toBeNull();
    expect(page.newerCursor).not.toBeNull();
    expect(page.events.filter((e) => e.type === "note").map((e) => e.id)).toEqual([`note-${note.id}`]);

    const res = await messagesGet(
      authedGet(`/api/conversations/${conversationId}/messages?aroundNote=${note.id}&limit=4`),
      {
        params: Promise.resolve({ id: String(conversationId) }),
      },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { content: string }[]; events: { id: string }[] };
    expect(texts(body)).toEqual(range(11, 14));
    expect(body.events.map((e) => e.id)).toContain(`note-${note.id}`);

    const elsewhere = await newConversation();
    await expect(listMessages(testDb(), elsewhere.id, { aroundNote: note.id })).rejects.toMatchObject({ status: 404 });
    await expect(
      listMessages(testDb(), conversationId, { around: handles[1], aroundNote: note.id }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("refuses mixed modes and handles from another conversation", async () => {
    await expect(listMessages(testDb(), conversationId, { before: "x", around: handles[1] })).rejects.toBeInstanceOf(
      ApiError,
    );
    const other = receiveBody();
    await callWebhook("receive", other);
    await expect(listMessages(testDb(), conversationId, { around: other.message_handle })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("serves around= through the HTTP route", async () => {
    const res = await messagesGet(
      authedGet(`/api/conversations/${conversationId}/messages?around=${encodeURIComponent(handles[3]!)}&limit=4`),
      {
        params: Promise.resolve({ id: String(conversationId) }),
      },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      messages: { content: string }[];
      newerCursor: string | null;
      events: unknown[];
    };
    expect(texts(body)).toEqual(range(1, 5));
    expect(body.newerCursor).not.toBeNull();
    const bad = await messagesGet(authedGet(`/api/conversations/${conversationId}/messages?around=nope`), {
      params: Promise.resolve({ id: String(conversationId) }),
    });
    expect(bad.status).toBe(404);
  });
});
