import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportGet } from "@/app/api/conversations/[id]/export/route";
import { GET as messagesGet } from "@/app/api/conversations/[id]/messages/route";
import { createSession } from "@/lib/auth/sessions";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createNote } from "@/lib/notes/create-note";
import { authedGet } from "../support/api";
import { testDb } from "../support/db";
import { newMember } from "../support/members";
import { responseErrors } from "../support/openapi";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

// GET /api/conversations/<id>/export: the transcript shows what the thread shows (texts in
// order, senders, statuses, reply quotes, reactions, attachments as links to our copies,
// notes marked as internal, activity), hostile text stays text, and JSON is the messages
// API's own shape.

const db = testDb();
const line = uniqueNumber();
const contact = uniqueNumber();
const start = Date.parse("2026-03-02T15:00:00Z");
const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
let id: number;
let member: Awaited<ReturnType<typeof newMember>>;
const HOSTILE = `<script>window.pwned=1</script><img src=x onerror="alert(1)"> & "quotes" 'single'`;

const exportOf = (
  conversationId: number,
  query = "",
  init: { token?: string | null; headers?: Record<string, string> } = {},
) => {
  const request = authedGet(`/api/conversations/${conversationId}/export${query}`, { token: init.token });
  for (const [k, v] of Object.entries(init.headers ?? {})) request.headers.set(k, v);
  return exportGet(request, { params: Promise.resolve({ id: String(conversationId) }) });
};

beforeAll(async () => {
  member = await newMember("Grace Hopper");
  await db.contact.create({ data: { number: contact, firstName: "Ada", lastName: "Lovelace" } });
  const first = receiveBody({
    number: contact,
    sendblue_number: line,
    content: "Hi, is the shop open on Sunday?",
    date_sent: at(0),
  });
  await callWebhook("receive", first);
  await callWebhook(
    "outbound",
    statusBody({
      number: contact,
      sendblue_number: line,
      content: "Yes, 10 to 4.",
      status: "DELIVERED",
      date_sent: at(2),
    }),
  );
  await callWebhook(
    "receive",
    receiveBody({ number: contact, sendblue_number: line, content: "Loved “Yes, 10 to 4.”", date_sent: at(3) }),
  );
  await callWebhook(
    "receive",
    receiveBody({
      number: contact,
      sendblue_number: line,
      content: "Great, see you",
      date_sent: at(4),
      reply_to: { message_handle: first.message_handle },
    }),
  );
  const photo = receiveBody({
    number: contact,
    sendblue_number: line,
    content: "",
    media_url: "https://storage.example.com/p/IMG_1.jpg",
    date_sent: at(5),
  });
  await callWebhook("receive", photo);
  await callWebhook(
    "receive",
    receiveBody({ number: contact, sendblue_number: line, content: HOSTILE, date_sent: at(6) }),
  );
  await callWebhook(
    "outbound",
    statusBody({
      number: contact,
      sendblue_number: line,
      content: "Did not go",
      status: "ERROR",
      error_message: "Number unreachable",
      date_sent: at(8),
    }),
  );
  // Next day: a link Sendblue sent that we could not keep, as javascript:.
  await callWebhook(
    "receive",
    receiveBody({
      number: contact,
      sendblue_number: line,
      content: "file",
      media_url: "javascript:alert(document.cookie)",
      date_sent: at(24 * 60),
    }),
  );
  const c = await db.conversation.findFirstOrThrow({ where: { contactNumber: contact, line: { number: line } } });
  id = c.id;
  // The photo is kept: the transcript links our copy.
  const m = await db.message.findUniqueOrThrow({ where: { handle: photo.message_handle }, include: { media: true } });
  await db.mediaAttachment.update({
    where: { id: m.media[0]!.id },
    data: {
      mirrorState: "kept",
      storageKey: `test/${m.media[0]!.id}`,
      contentType: "image/jpeg",
      fileName: "IMG_1.jpg",
      byteSize: 2048,
    },
  });
  const note = await createNote(db, member, {
    conversationId: id,
    body: `Call her back <b>tomorrow</b>`,
    mentions: [],
  });
  await db.conversationNote.update({ where: { id: note.id }, data: { createdAt: new Date(at(7)) } });
  // The trail is append-only: its line is written as changeConversation writes it, at a time in the thread.
  await db.conversationActivity.create({
    data: {
      conversationId: id,
      actorId: member.id,
      actorName: member.name,
      kind: "state",
      data: { from: "open", to: "done" },
      createdAt: new Date(at(9)),
    },
  });
});

describe("conversation export: HTML transcript", () => {
  it("is a standalone download with the thread's messages in order, senders, statuses and times in the zone asked for", async () => {
    const res = await exportOf(id, "?tz=America/Chicago", {
      headers: { host: "inbox.example.com", "x-forwarded-proto": "https" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="ada-lovelace-transcript-\d{4}-\d{2}-\d{2}\.html"/,
    );
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(res.body).toBeInstanceOf(ReadableStream);
    const html = await res.text();

    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>Ada Lovelace · Conversation transcript</title>");
    expect(html).toContain("<h1>Ada Lovelace</h1>");
    expect(html).toMatch(/<dt>Contact<\/dt><dd>Ada Lovelace · \+1 \(555\) \d{3}-\d{4}<\/dd>/);
    expect(html).toContain("<dt>Messages</dt><dd>7</dd>"); // the tapback is a reaction, not a message
    expect(html).toContain("<dt>Times</dt><dd>America/Chicago (CST)</dd>");

    // The texts in thread order, the tapback folded into its message.
    const texts = [...html.matchAll(/<p class="text">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(texts).toEqual([
      "Hi, is the shop open on Sunday?",
      "Yes, 10 to 4.",
      "Great, see you",
      "&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quotes&quot; &#39;single&#39;",
      "Call her back &lt;b&gt;tomorrow&lt;/b&gt;",
      "Did not go",
      "file",
    ]);
    // 15:00 UTC is 9:00 AM in Chicago; days get a heading each.
    expect(html).toMatch(
      /<span class="who">Ada Lovelace<\/span> <span class="dir">received<\/span> <time datetime="2026-03-02T15:00:00.000Z"[^>]*>9:00\sAM<\/time>/,
    );
    expect([...html.matchAll(/<h2 class="day">([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([
      "Monday, March 2, 2026",
      "Tuesday, March 3, 2026",
    ]);
    expect(html).toMatch(/<span class="status">Delivered<\/span>/);
    expect(html).toMatch(
      /<article class="msg out failed"[^>]*>.*<span class="status failed">Failed: Number unreachable<\/span>/,
    );
    expect(html).toContain(`<blockquote class="quote">Replying to them: Hi, is the shop open on Sunday?</blockquote>`);
    expect(html).toMatch(/<p class="reactions">Reactions: ❤️ from Ada Lovelace<\/p>/);
    expect(html).toMatch(
      /<aside class="note" aria-label="Internal note"><div class="meta"><span class="label">Internal note<\/span> <span class="who">Grace Hopper<\/span>/,
    );
    expect(html).toMatch(/<p class="activity">Grace Hopper marked this done · <time/);
  });

  it("links kept attachments to our copy on the public origin, and never writes a javascript: link", async () => {
    const html = await (
      await exportOf(id, "", { headers: { host: "inbox.example.com", "x-forwarded-proto": "https" } })
    ).text();
    const photo = await db.mediaAttachment.findFirstOrThrow({
      where: { message: { conversationId: id }, mirrorState: "kept" },
    });
    expect(html).toContain(
      `<a href="https://inbox.example.com/api/media/${photo.id}" rel="noopener noreferrer">IMG_1.jpg</a> <span class="detail">(Photo · image/jpeg · 2 KB)</span>`,
    );
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain(
      `<li><span>alert(document.cookie)</span> <span class="detail">(Attachment · Sendblue&#39;s link`,
    );
    expect(html).not.toMatch(/<script|<img|<[^>]*onerror/i);
    // Times in UTC without tz.
    expect(html).toContain("<dt>Times</dt><dd>UTC (UTC)</dd>");
  });

  it("names who exported it when a member did, and answers 404 for a conversation that does not exist", async () => {
    const mine = await (await exportOf(id, "", { token: member.token })).text();
    expect(mine).toMatch(/<dt>Exported<\/dt><dd>[^<]+ by Grace Hopper<\/dd>/);
    const missing = await exportOf(999_999_999);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const bad = await exportOf(id, "?format=pdf");
    expect(bad.status).toBe(400);
    const badZone = await exportOf(id, "?tz=Mars/Olympus");
    expect(badZone.status).toBe(400);
    expect((await badZone.json()).error.message).toContain("tz");
  });

  it("needs auth: anonymous is 401, a session cookie works", async () => {
    const anonymous = await exportOf(id, "", { token: null });
    expect(anonymous.status).toBe(401);
    const { token } = await createSession(db, member.id);
    const res = await exportOf(id, "", { token: null, headers: { cookie: `${sessionCookieName()}=${token}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("</html>");
  });
});

describe("conversation export: JSON", () => {
  it("is { conversation, exportedAt, messages, events } with messages as the messages API returns them, as documented", async () => {
    const res = await exportOf(id, "?format=json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /filename="ada-lovelace-conversation-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const body = await res.json();
    expect(responseErrors("GET", "/api/conversations/{id}/export", 200, body)).toEqual([]);
    expect(body.conversation).toMatchObject({ id, title: "Ada Lovelace", line });

    const page = await (
      await messagesGet(authedGet(`/api/conversations/${id}/messages?limit=200`), {
        params: Promise.resolve({ id: String(id) }),
      })
    ).json();
    expect(body.messages).toEqual(page.messages);
    expect(body.messages.map((m: { content: string }) => m.content)).toContain(HOSTILE);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(["note", "activity"]);
    expect(body.events).toEqual(page.events.filter((e: { type: string }) => e.type !== "line"));
  });
});

describe("conversation export: paging", () => {
  it("writes several thousand messages page by page, all of them, in order", async () => {
    const { id: bigId } = await bigConversation(4321);
    const { exportConversation } = await import("@/lib/export/conversation-export");
    const { zoneFormat } = await import("@/lib/export/zone-format");
    const options = { origin: "http://inbox.test", time: zoneFormat(), viewerId: null, exportedBy: null };

    const html = (await exportConversation(db, bigId, { ...options, format: "html" }))!;
    const chunks: string[] = [];
    for await (const chunk of html.chunks) chunks.push(chunk);
    // 200 a page (EXPORT_PAGE_SIZE): 22 pages, then the foot; no chunk holds more than a page.
    expect(chunks.length).toBe(Math.ceil(4321 / 200) + 1);
    const perChunk = chunks.map((c) => (c.match(/<article /g) ?? []).length);
    expect(Math.max(...perChunk)).toBe(200);
    const numbers = [...chunks.join("").matchAll(/<p class="text">n(\d+)<\/p>/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 4321 }, (_, i) => i));
    // Events on both sides of a page boundary, and on it, each written once in place.
    const all = chunks.join("");
    expect(all.match(/class="note"/g)?.length).toBe(3);
    expect(all.indexOf("note before n200")).toBeLessThan(all.indexOf(">n200<"));
    expect(all.indexOf("note before n200")).toBeGreaterThan(all.indexOf(">n199<"));
    expect(all.indexOf("note at n399")).toBeGreaterThan(all.indexOf(">n399<"));
    expect(all.indexOf("note at n399")).toBeLessThan(all.indexOf(">n400<"));
    expect(all.indexOf("note after the end")).toBeGreaterThan(all.indexOf(">n4320<"));

    const json = (await exportConversation(db, bigId, { ...options, format: "json", pageSize: 500 }))!;
    let text = "";
    let jsonChunks = 0;
    for await (const chunk of json.chunks) (text += chunk), jsonChunks++;
    const body = JSON.parse(text);
    expect(body.messages.map((m: { content: string }) => m.content)).toEqual(
      Array.from({ length: 4321 }, (_, i) => `n${i}`),
    );
    expect(body.events.map((e: { note: { body: string } }) => e.note.body)).toEqual([
      "note before n200",
      "note at n399",
      "note after the end",
    ]);
    expect(jsonChunks).toBeGreaterThan(9); // 9 message pages of 500, the separator, the event windows, the end
  }, 120_000);
});

/** A conversation with `n` messages a second apart ("n0", "n1", …), written in one statement. */
async function bigConversation(n: number) {
  const number = uniqueNumber();
  await callWebhook("receive", receiveBody({ number, sendblue_number: line, content: "n0", date_sent: at(-10_000) }));
  const c = await db.conversation.findFirstOrThrow({ where: { contactNumber: number }, select: { id: true } });
  const base = Date.parse(at(-10_000));
  await db.message.updateMany({ where: { conversationId: c.id }, data: { sentAt: new Date(base) } });
  await db.$executeRaw`
    INSERT INTO messages (handle, conversation_id, direction, status, content, sent_at, updated_at)
    SELECT 'big-' || ${c.id}::int || '-' || i, ${c.id}::int, (CASE WHEN i % 3 = 0 THEN 'outbound' ELSE 'inbound' END)::"Direction",
           CASE WHEN i % 3 = 0 THEN 'DELIVERED' ELSE 'RECEIVED' END, 'n' || i,
           to_timestamp(${base / 1000}::double precision + i), now()
      FROM generate_series(1, ${n - 1}::int) AS i`;
  const author = member;
  const noteAt = async (body: string, when: Date) => {
    const note = await createNote(db, author, { conversationId: c.id, body, mentions: [] });
    await db.conversationNote.update({ where: { id: note.id }, data: { createdAt: when } });
  };
  await noteAt("note before n200", new Date(base + 199_500)); // between the last of page 1 and the first of page 2
  await noteAt("note at n399", new Date(base + 399_000)); // exactly on page 2's last message
  await noteAt("note after the end", new Date(base + n * 1000 + 60_000));
  return c;
}
