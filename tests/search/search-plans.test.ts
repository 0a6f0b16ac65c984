import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { parseQuery, phraseClauses, toTsquery } from "@/lib/search/parse-query";
import { findMessageMatches } from "@/lib/search/search-messages-sql";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// The ways findMessageMatches answers: the newest-first window (common words), the GIN
// fallback (words the window does not hold a page of) and, within one conversation, a single
// statement must all return the same ordered rows.
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
      expect(
        (await callWebhook("receive", receiveBody({ number: contact, content: `newer filler ${n}`, date_sent: at(n) })))
          .status,
      ).toBe(200);
    }
    const conversationId = (await testDb().conversation.findFirstOrThrow({ where: { contactNumber: contact } })).id;
    // A contact filter, not a conversation one: within a conversation there is no window.
    const search = (window: number, after: { at: Date; id: number } | null = null, limit = 3) =>
      findMessageMatches(pgPool(), {
        tsquery: `'${word}'`,
        filters: { contactNumber: contact },
        after,
        limit,
        recentWindow: window,
      });

    const viaWindow = await search(1000);
    const viaIndex = await search(3); // the 3 newest rows hold no match: GIN answers
    expect(viaWindow.map((r) => r.handle)).toEqual(expected.slice(0, 3));
    expect(viaIndex.map((r) => r.handle)).toEqual(expected.slice(0, 3));
    const last = viaIndex.at(-1)!;
    const next = await search(3, { at: last.sent_at, id: last.id });
    expect(next.map((r) => r.handle)).toEqual(expected.slice(3));

    // Within a conversation one statement answers, with the same rows and paging.
    const statements: string[] = [];
    const counting = {
      query: ((text: string, values: unknown[]) => (statements.push(text), pgPool().query(text, values))) as never,
    };
    const inConversation = (after: { at: Date; id: number } | null) =>
      findMessageMatches(counting, {
        tsquery: `'${word}'`,
        filters: { conversationId },
        after,
        limit: 3,
        recentWindow: 3,
      });
    expect((await inConversation(null)).map((r) => r.handle)).toEqual(expected.slice(0, 3));
    expect(statements).toHaveLength(1);
    expect((await inConversation({ at: last.sent_at, id: last.id })).map((r) => r.handle)).toEqual(expected.slice(3));
  });
});

// The plan a phrase gets: the pairs condition folds to a constant tsquery at planning (so
// GIN can use it and the planner can estimate it), and is absent for a one-word phrase.
describe("phrase pairs in the plan", () => {
  async function plan(q: string) {
    const parsed = parseQuery(q);
    if (parsed.kind !== "text") throw new Error("text query expected");
    let text = "";
    const explain = {
      query: (async (statement: string, values: unknown[]) => {
        const { rows } = await pgPool().query<{ "QUERY PLAN": string }>(`EXPLAIN (COSTS OFF) ${statement}`, values);
        text = rows.map((r) => r["QUERY PLAN"]).join("\n");
        return { rows: [] };
      }) as never,
    };
    await findMessageMatches(explain, {
      tsquery: toTsquery(parsed.clauses),
      phraseClauses: phraseClauses(parsed.clauses),
      filters: {},
      after: null,
      limit: 31,
      indexFirst: true,
    });
    return text;
  }

  it("asks search_pairs for every pair of each phrase, as a constant", async () => {
    const text = await plan('"Let me know" OR "call me"');
    expect(text).toContain("search_pairs @@ '''let me'' & ''me know'''::tsquery");
    expect(text).toContain("search_pairs @@ '''call me'''::tsquery");
    expect(text).not.toContain("CASE");
    expect(text).not.toContain("search_phrase_pairs");
  });

  it("leaves search_pairs out for words and for a phrase the parser makes one word of", async () => {
    expect(await plan('"foo.com" thanks')).not.toContain("search_pairs");
    expect(await plan("let me know")).not.toContain("search_pairs");
  });
});
