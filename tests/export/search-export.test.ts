import { beforeAll, describe, expect, it } from "vitest";
import { GET as searchGet } from "@/app/api/search/route";
import { GET as searchExportGet } from "@/app/api/search/export/route";
import { authedGet } from "../support/api";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";
import { readCsv } from "./csv-parse";

// GET /api/search/export: every page of the same search as CSV, with each message's whole
// text, quoted and defused for spreadsheets.

const db = testDb();
const word = `zx${Math.random()
  .toString(36)
  .replace(/[^a-z]/g, "")
  .slice(0, 8)}q`;
const line = uniqueNumber();
const contact = uniqueNumber();
const base = Date.parse("2026-05-01T12:00:00Z");
const BULK = 230;
let conversationId: number;

const exportCsv = async (query: string, token?: string | null) =>
  searchExportGet(authedGet(`/api/search/export?${query}`, { token }), { params: Promise.resolve({}) });

beforeAll(async () => {
  await db.contact.create({ data: { number: contact, firstName: "Bo", lastName: "Diddley" } });
  const long = `Dear team, ${word}: ${"lorem ipsum ".repeat(40)}the end`;
  await callWebhook(
    "receive",
    receiveBody({ number: contact, sendblue_number: line, content: long, date_sent: new Date(base).toISOString() }),
  );
  await callWebhook(
    "receive",
    receiveBody({
      number: contact,
      sendblue_number: line,
      content: `=HYPERLINK("http://evil.example","${word}")`,
      date_sent: new Date(base + 1000).toISOString(),
    }),
  );
  await callWebhook(
    "outbound",
    statusBody({
      number: contact,
      sendblue_number: line,
      content: `Sure, "${word}"\nsee you, at 5`,
      status: "DELIVERED",
      date_sent: new Date(base + 2000).toISOString(),
    }),
  );
  await callWebhook(
    "receive",
    receiveBody({
      number: contact,
      sendblue_number: line,
      content: `photo ${word}`,
      media_url: "https://storage.example.com/x/pic.jpg",
      date_sent: new Date(base + 3000).toISOString(),
    }),
  );
  const c = await db.conversation.findFirstOrThrow({ where: { contactNumber: contact }, select: { id: true } });
  conversationId = c.id;
  // Enough for three pages of 100, older than the four above.
  await db.$executeRaw`
    INSERT INTO messages (handle, conversation_id, direction, status, content, sent_at, updated_at)
    SELECT 'search-export-' || ${word} || '-' || i, ${c.id}::int, 'inbound', 'RECEIVED', 'bulk ' || i || ' ' || ${word},
           to_timestamp(${base / 1000 - 100_000}::double precision + i), now()
      FROM generate_series(1, ${BULK}::int) AS i`;
});

describe("search export", () => {
  it("writes every match, newest first, over all pages, with whole texts quoted and formulas defused", async () => {
    const res = await exportCsv(`q=${word}&tz=America/Chicago`, undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="search-${word}-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
    );
    const rows = await readCsv(res);
    expect(rows[0]).toEqual([
      "Time (America/Chicago)",
      "Conversation",
      "Contact number",
      "Line",
      "Direction",
      "From",
      "Service",
      "Status",
      "Text",
      "Attachments",
      "Link",
    ]);
    const data = rows.slice(1);
    expect(data).toHaveLength(BULK + 4);
    const [photo, reply, formula, long] = data;
    expect(photo!.slice(0, 8)).toEqual([
      "2026-05-01 07:00:03",
      "Bo Diddley",
      `'${contact}`,
      `'${line}`,
      "inbound",
      "Bo Diddley",
      "iMessage",
      "Received",
    ]);
    expect(photo![9]).toBe("https://storage.example.com/x/pic.jpg"); // not kept yet: Sendblue's link
    expect(reply!.slice(4, 9)).toEqual([
      "outbound",
      expect.stringMatching(/^'\+1 \(555\)/),
      "iMessage",
      "Delivered",
      `Sure, "${word}"\nsee you, at 5`,
    ]);
    expect(formula![8]).toBe(`'=HYPERLINK("http://evil.example","${word}")`);
    // The whole text, not the search snippet.
    expect(long![8]).toMatch(/^Dear team, .*the end$/);
    expect(long![10]).toMatch(new RegExp(`^http://inbox\\.test/\\?c=${conversationId}&m=msg-`));
    const bulk = data.slice(4).map((r) => r[8]);
    expect(bulk).toEqual(Array.from({ length: BULK }, (_, i) => `bulk ${BULK - i} ${word}`));
  });

  it("applies the search's filters, and finds what /api/search finds", async () => {
    const out = await readCsv(await exportCsv(`q=${word}&direction=outbound`));
    expect(out.slice(1).map((r) => r[4])).toEqual(["outbound"]);
    const first = await (
      await searchGet(authedGet(`/api/search?q=${word}&limit=100`), { params: Promise.resolve({}) })
    ).json();
    const csv = await readCsv(await exportCsv(`q=${word}`));
    expect(csv.slice(1, 101).map((r) => new URL(r[10]!).searchParams.get("m"))).toEqual(
      first.results.map((r: { handle: string }) => r.handle),
    );
  });

  it("refuses what search refuses, before any CSV, and needs auth", async () => {
    const empty = await exportCsv("q=");
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.code).toBe("query_empty");
    expect((await exportCsv(`q=${word}&tz=Nowhere/Else`)).status).toBe(400);
    const anonymous = await exportCsv(`q=${word}`, null);
    expect(anonymous.status).toBe(401);
  });
});
