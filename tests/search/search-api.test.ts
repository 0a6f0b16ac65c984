import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/search/route";
import { env } from "@/lib/env";
import type { SearchResponse } from "@/lib/search/search-messages";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

// Every test uses words no other test file writes, so the shared database cannot interfere.
const tag = () => `zq${randomBytes(4).toString("hex")}`;

async function search(params: Record<string, string>, token: string | null = env().INBOX_API_TOKEN!) {
  const url = `http://inbox.test/api/search?${new URLSearchParams(params)}`;
  const res = await GET(new Request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }), {
    params: Promise.resolve({}),
  });
  return {
    status: res.status,
    body: (await res.json()) as SearchResponse & { error?: { code: string; message: string } },
  };
}

const handlesOf = (body: SearchResponse) => body.results.map((r) => r.handle);

async function receive(overrides: Record<string, unknown>) {
  const body = receiveBody(overrides);
  const res = await callWebhook("receive", body);
  expect(res.status).toBe(200);
  return body;
}

describe("GET /api/search", () => {
  const w = tag();
  const contact = uniqueNumber();
  const minute = (n: number) => new Date(Date.UTC(2026, 0, 10, 12, n)).toISOString();
  const m: Record<string, string> = {};

  beforeAll(async () => {
    const rows: [string, string, number, Record<string, unknown>?][] = [
      ["cafe", `Le café est fermé ${w}`, 1],
      ["delivered", `Your parcel was DELIVERED today ${w}`, 2, { service: "SMS" }],
      [
        "delivery",
        `Delivery scheduled for tomorrow ${w}`,
        3,
        { media_url: "https://storage.googleapis.com/b/photo.jpg" },
      ],
      ["phrase", `see you tomorrow at noon ${w}`, 4],
      ["scrambled", `tomorrow you see ${w}`, 5],
      ["spam", `win a prize now spam ${w}`, 6],
    ];
    for (const [key, content, n, extra] of rows) {
      m[key] = (await receive({ number: contact, content, date_sent: minute(n), ...extra })).message_handle;
    }
    const outbound = statusBody({ number: contact, content: `refund issued ${w}`, date_sent: minute(7) });
    expect((await callWebhook("status", outbound)).status).toBe(200);
    m.refund = outbound.message_handle;
  });

  it("finds words (all must match), accents and case ignored, newest first, with a conversation", async () => {
    const { status, body } = await search({ q: `CAFE ${w}` });
    expect(status).toBe(200);
    expect(handlesOf(body)).toEqual([m.cafe]);
    expect(body.results[0]!.conversation).toMatchObject({ number: contact, line: "+15122164639" });
    expect(handlesOf((await search({ q: w })).body)).toEqual([
      m.refund,
      m.spam,
      m.scrambled,
      m.phrase,
      m.delivery,
      m.delivered,
      m.cafe,
    ]);
  });

  it("matches an exact phrase only in order", async () => {
    expect(handlesOf((await search({ q: `"see you tomorrow" ${w}` })).body)).toEqual([m.phrase]);
    expect(handlesOf((await search({ q: `"you tomorrow see" ${w}` })).body)).toEqual([]);
  });

  it("takes a phone keyboard's curly apostrophe like the straight one", async () => {
    const own = tag();
    const msg = await receive({ number: uniqueNumber(), content: `I don't know yet ${own}` });
    const { status, body } = await search({ q: `"don\u2019t know" ${own}` });
    expect(status).toBe(200);
    expect(handlesOf(body)).toEqual([msg.message_handle]);
  });

  it("excludes -words, ORs alternatives, and matches prefixes", async () => {
    expect(handlesOf((await search({ q: `${w} -spam -tomorrow -cafe` })).body)).toEqual([m.refund, m.delivered]);
    expect(handlesOf((await search({ q: `${w} refund OR cafe` })).body)).toEqual([m.refund, m.cafe]);
    expect(handlesOf((await search({ q: `deliv* ${w}` })).body)).toEqual([m.delivery, m.delivered]);
  });

  it("marks the matched words in snippets", async () => {
    const { body } = await search({ q: `deliv* ${w}` });
    const marks = body.results.map((r) => r.snippet.filter((p) => p.mark).map((p) => p.text));
    expect(marks).toEqual([
      ["Delivery", w],
      ["DELIVERED", w],
    ]);
    expect(body.results[1]!.snippet.map((p) => p.text).join("")).toBe(`Your parcel was DELIVERED today ${w}`);
    const cafe = (await search({ q: `cafe ${w}` })).body.results[0]!;
    expect(cafe.snippet.filter((p) => p.mark).map((p) => p.text)).toEqual(["café", w]);
  });

  it("applies every filter", async () => {
    const only = async (params: Record<string, string>) => handlesOf((await search({ q: w, ...params })).body);
    expect(await only({ service: "SMS" })).toEqual([m.delivered]);
    expect(await only({ direction: "outbound" })).toEqual([m.refund]);
    expect(await only({ has: "media" })).toEqual([m.delivery]);
    expect(await only({ from: minute(3), to: minute(4) })).toEqual([m.phrase, m.delivery]);
    expect(await only({ from: "2026-01-11" })).toEqual([]);
    expect(await only({ to: "2026-01-10" })).toHaveLength(7);
    expect(await only({ contact })).toHaveLength(7);
    expect(await only({ contact: uniqueNumber() })).toEqual([]);
    expect(await only({ line: "+15122164639" })).toHaveLength(7);
    expect(await only({ line: "+19999999999" })).toEqual([]);
    const conversation = (await search({ q: w })).body.results[0]!.conversation.id;
    expect(await only({ conversation: String(conversation) })).toHaveLength(7);
    expect(await only({ conversation: String(conversation + 100000) })).toEqual([]);
    expect(await only({ status: "SENT" })).toEqual([m.refund]);
    expect((await search({ q: w, direction: "sideways" })).status).toBe(400);
  });

  it("pages with a stable keyset cursor, even when messages arrive between pages", async () => {
    const first = await search({ q: w, limit: "3" });
    expect(handlesOf(first.body)).toEqual([m.refund, m.spam, m.scrambled]);
    // A newer match arriving now must not shift or repeat what the next page returns.
    await receive({ number: contact, content: `late arrival ${w}`, date_sent: minute(30) });
    const second = await search({ q: w, limit: "3", cursor: first.body.nextCursor! });
    expect(handlesOf(second.body)).toEqual([m.phrase, m.delivery, m.delivered]);
    const third = await search({ q: w, limit: "3", cursor: second.body.nextCursor! });
    expect(handlesOf(third.body)).toEqual([m.cafe]);
    expect(third.body.nextCursor).toBeNull();
    expect((await search({ q: w, cursor: "not-a-cursor" })).body.error?.code).toBe("invalid_cursor");
  });

  it("finds a message the moment its webhook is acknowledged", async () => {
    const fresh = tag();
    const body = await receive({ content: `just now ${fresh}` });
    expect(handlesOf((await search({ q: fresh })).body)).toEqual([body.message_handle]);
  });

  it("finds conversations by any formatting of their number, or part of it", async () => {
    const number = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const body = await receive({ number, content: "hi from a number search" });
    const [area, mid, last] = [number.slice(2, 5), number.slice(5, 8), number.slice(8)];
    for (const q of [
      `(${area}) ${mid}-${last}`,
      number,
      `+1${area}${mid}`,
      `${mid}${last}`,
      `${mid}-${last}`,
      `${area}.${mid}.${last}`,
    ]) {
      const res = await search({ q });
      expect(res.status, q).toBe(200);
      expect(res.body.kind, q).toBe("phone");
      expect(
        res.body.conversations.map((c) => c.number),
        q,
      ).toContain(number);
      expect(handlesOf(res.body), q).toContain(body.message_handle);
    }
  });

  it("finds a contact's conversations by name, accents ignored", async () => {
    const number = uniqueNumber();
    const last = `Nú${tag()}`;
    await receive({ number, content: "hello" });
    expect((await callWebhook("contact_created", { phone: number, first_name: "Zoë", last_name: last })).status).toBe(
      200,
    );
    const res = await search({ q: `zoe ${last.replace("ú", "u")}` });
    expect(res.status).toBe(200);
    expect(res.body.conversations).toEqual([expect.objectContaining({ number, title: `Zoë ${last}` })]);
  });

  it("finds a group by a member's name and by its display name, accents ignored", async () => {
    const [member, other] = [uniqueNumber(), uniqueNumber()];
    const last = `Ørsted${tag()}`;
    const [unnamed, named] = [`grp-${tag()}`, `grp-${tag()}`];
    const club = `Café ${tag()} Club`;
    await callWebhook("contact_created", { phone: member, first_name: "Hanne", last_name: last });
    await receive({
      group_id: unnamed,
      number: member,
      from_number: member,
      participants: [member, other],
      content: "hi",
    });
    await receive({
      group_id: named,
      group_display_name: club,
      number: other,
      from_number: other,
      participants: [other],
      content: "yo",
    });

    // Members who arrive together are listed by number.
    const title = member < other ? `Hanne ${last}, ${other}` : `${other}, Hanne ${last}`;
    const byMember = await search({ q: `hanne ${last.replace("Ø", "O")}` });
    expect(byMember.status).toBe(200);
    expect(byMember.body.conversations.map((c) => [c.kind, c.title])).toEqual([["group", title]]);
    const byGroupName = await search({ q: club.toLowerCase().replace("é", "e") });
    expect(byGroupName.body.conversations.map((c) => c.title)).toEqual([club]);

    const renamed = `Hikers ${tag()}`;
    await receive({
      group_id: named,
      group_display_name: renamed,
      number: other,
      from_number: other,
      participants: [other],
      content: "renamed",
    });
    expect((await search({ q: renamed })).body.conversations.map((c) => c.title)).toEqual([renamed]);
    expect((await search({ q: club })).body.conversations).toEqual([]);
  });

  it("answers empty, too-short and exclusion-only queries with a clear 400", async () => {
    for (const [q, code] of [
      ["", "query_empty"],
      ["  ", "query_empty"],
      ["a", "query_too_short"],
      ["-spam", "query_only_excludes"],
    ]) {
      const res = await search({ q: q! });
      expect(res.status, q).toBe(400);
      expect(res.body.error?.code, q).toBe(code);
      expect(res.body.error?.message.length, q).toBeGreaterThan(10);
    }
  });

  it("never answers injection-looking input with a 500", async () => {
    const inputs = [
      "'; drop table messages; --",
      "':*",
      ":*",
      "&|!",
      "!!",
      "a & b",
      '"unbalanced',
      'un"balanced',
      "'",
      "\\",
      "foo:*",
      "foo:A",
      "(foo",
      "foo)",
      "<->",
      "!foo",
      "foo <-> bar",
      "%",
      "_",
      "%_%",
      "' OR 1=1 --",
      "\u0000",
      "é́́́",
      "😀",
      "a".repeat(300),
      `${w} -`,
      "-",
      "--",
      "OR",
      "OR OR",
      "*",
      "**",
      "deliv**",
      "() OR ()",
    ];
    for (const q of inputs) {
      const res = await search({ q });
      expect([200, 400], JSON.stringify(q)).toContain(res.status);
      if (res.status === 400) expect(res.body.error?.code).toMatch(/^(query_|invalid_request)/);
    }
    expect((await search({ q: "x".repeat(301) })).status).toBe(400);
  });

  it("requires the API token", async () => {
    expect((await search({ q: w }, null)).status).toBe(401);
  });
});
