import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { findMessageMatches } from "@/lib/search/search-messages-sql";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// Both ways findMessageMatches answers: the newest-first window (common words) and the GIN
// fallback (words the window does not hold a page of) must return the same ordered rows.
describe("findMessageMatches", () => {
  it("falls back from the recent window to the index without losing order or paging", async () => {
    const word = `zq${randomBytes(4).toString("hex")}`;
    const contact = uniqueNumber();
    const at = (n: number) => new Date(Date.UTC(2026, 2, 1, 9, n)).toISOString();
    const expected: string[] = [];
    for (let n = 0; n < 4; n++) {
      const body = receiveBody({ number: contact, content: `older ${word} ${n}`, date_sent: at(n) });
      expect((await callWebhook("receive", body)).status).toBe(200);
      expected.unshift(body.message_handle);
    }
    for (let n = 10; n < 16; n++) {
      expect((await callWebhook("receive", receiveBody({ number: contact, content: `newer filler ${n}`, date_sent: at(n) }))).status).toBe(200);
    }
    const conversationId = (await testDb().conversation.findFirstOrThrow({ where: { contactNumber: contact } })).id;
    const search = (window: number, after: { at: Date; id: number } | null = null, limit = 3) =>
      findMessageMatches(pgPool(), { tsquery: `'${word}'`, filters: { conversationId }, after, limit, recentWindow: window });

    const viaWindow = await search(1000);
    const viaIndex = await search(3); // the 3 newest rows hold no match: GIN answers
    expect(viaWindow.map((r) => r.handle)).toEqual(expected.slice(0, 3));
    expect(viaIndex.map((r) => r.handle)).toEqual(expected.slice(0, 3));
    const last = viaIndex.at(-1)!;
    const next = await search(3, { at: last.sent_at, id: last.id });
    expect(next.map((r) => r.handle)).toEqual(expected.slice(3));
  });
});
