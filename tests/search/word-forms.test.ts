import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { searchMessages } from "@/lib/search/search-messages";
import { searchQuerySchema } from "@/lib/search/search-schemas";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// "refund" finds "refunds" and "refunded" (English stems in search_vector, the search_stems
// migration) while exact phrases, prefixes, accents and other languages behave as before; a
// message is found by its attachments' file names and contact-card names.

const tag = () => `zq${randomBytes(4).toString("hex")}`;
// A runner object of its own: word-forms-ready.ts caches the backfill's state per runner.
const runner = () => ({ query: pgPool().query.bind(pgPool()) }) as never;
const search = async (q: string, sql = runner()) => searchMessages(sql, searchQuerySchema.parse({ q }));
const handles = (r: Awaited<ReturnType<typeof search>>) => r.results.map((x) => x.handle);

async function receive(content: string, extra: Record<string, unknown> = {}) {
  const body = receiveBody({ number: uniqueNumber(), content, ...extra });
  expect((await callWebhook("receive", body)).status).toBe(200);
  return body.message_handle;
}

describe("word forms", () => {
  const w = tag();
  const m: Record<string, string> = {};
  beforeAll(async () => {
    m.refund = await receive(`Your refund is on its way ${w}`);
    m.refunds = await receive(`Refunds take three days ${w}`);
    m.refunded = await receive(`We refunded the order ${w}`);
    m.spanish = await receive(`Mañana te llamo ${w}`);
    m.delivery = await receive(`The deliveries arrive at noon ${w}`);
  });

  it("finds the English forms of a plain word, and marks them", async () => {
    for (const q of [`refund ${w}`, `refunds ${w}`, `REFUNDED ${w}`]) {
      expect(new Set(handles(await search(q))), q).toEqual(new Set([m.refund, m.refunds, m.refunded]));
    }
    const marks = (await search(`refund ${w}`)).results.map(
      (r) => r.snippet.filter((p) => p.mark).map((p) => p.text)[0],
    );
    expect(new Set(marks)).toEqual(new Set(["refund", "Refunds", "refunded"]));
    expect(handles(await search(`delivery ${w}`))).toEqual([m.delivery]);
  });

  it("keeps phrases, prefixes, exclusions and accents exact as before", async () => {
    expect(handles(await search(`"refund" ${w}`))).toEqual([m.refund]);
    expect(handles(await search(`"we refunded" ${w}`))).toEqual([m.refunded]);
    expect(handles(await search(`"we refund" ${w}`))).toEqual([]);
    expect(new Set(handles(await search(`refunde* ${w}`)))).toEqual(new Set([m.refunded]));
    expect(handles(await search(`${w} -refund`)).sort()).toEqual([m.spanish, m.delivery].sort());
    expect(handles(await search(`manana ${w}`))).toEqual([m.spanish]);
    expect(handles(await search(`MAÑANA ${w}`))).toEqual([m.spanish]);
  });

  it("matches words exactly until the backfill of older messages is done", async () => {
    await testDb().$executeRaw`UPDATE background_tasks SET state = 'running' WHERE name = 'search_stems_backfill'`;
    try {
      expect(handles(await search(`refund ${w}`))).toEqual([m.refund]);
    } finally {
      await testDb().$executeRaw`UPDATE background_tasks SET state = 'done' WHERE name = 'search_stems_backfill'`;
    }
    expect(handles(await search(`refund ${w}`))).toHaveLength(3);
  });
});

describe("attachments in search", () => {
  it("finds a message by its attachment's file name, and shows the file", async () => {
    const name = `${tag()}-invoice.pdf`;
    const handle = await receive("", { media_url: `https://storage.googleapis.com/b/${name}` });
    for (const q of [name.split("-")[0]!, name]) {
      const r = await search(q);
      expect(handles(r), q).toEqual([handle]);
      expect(r.results[0]!.media).toEqual([expect.objectContaining({ kind: "pdf", fileName: name })]);
    }
    const marked = (await search(name.split("-")[0]!)).results[0]!.media[0]!.label.filter((p) => p.mark).map(
      (p) => p.text,
    );
    expect(marked).toEqual([name.split("-")[0]]);
  });

  it("finds a message by the name on its contact card once the card is read", async () => {
    const last = `Hopper${tag()}`;
    const handle = await receive("here is her card", { media_url: "https://storage.googleapis.com/b/contact.vcf" });
    const message = await testDb().message.findUniqueOrThrow({ where: { handle }, include: { media: true } });
    await testDb().mediaAttachment.update({
      where: { id: message.media[0]!.id },
      data: { card: { name: `Grace ${last}`, organization: "Navy", numbers: [], emails: [] } },
    });
    const r = await search(`grace ${last}`);
    expect(handles(r)).toEqual([handle]);
    expect(r.results[0]!.media[0]).toMatchObject({ kind: "contact", cardName: `Grace ${last}` });
  });
});
