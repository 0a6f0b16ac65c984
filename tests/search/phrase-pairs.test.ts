import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { parseQuery, phraseClauses, QueryError, toTsquery } from "@/lib/search/parse-query";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// search_pairs may only ever narrow what GIN hands to the phrase check, never change the
// answer: every message matching a phrase must hold all of the phrase's adjacent pairs. The
// texts mix what the database's parser splits unusually (hyphenated words, hosts, versions,
// apostrophes straight and curly, accents, emoji, punctuation between words).

const VOCAB = [
  "let",
  "me",
  "know",
  "Let",
  "ME",
  "e-mail",
  "e",
  "mail",
  "foo.com",
  "1.2.3",
  "don't",
  "don\u2019t",
  "l'été",
  "café",
  "cafe",
  "x-ray",
  "ray",
  "a",
  "😂",
  ",",
  "!",
  "—",
  "know,",
  "(me)",
  "15:30",
  "user@example.com",
];

function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

describe("search_pairs", () => {
  it("holds every adjacent pair a matching phrase needs, for any text the parser meets", async () => {
    const random = seeded(4242);
    const pick = () => VOCAB[Math.floor(random() * VOCAB.length)]!;
    const docs = Array.from({ length: 150 }, () => Array.from({ length: 3 + Math.floor(random() * 10) }, pick));
    const phrases = new Set<string>();
    // Slices of the texts (so most phrases match somewhere) and random sequences (most do not).
    for (const d of docs.slice(0, 60)) {
      const at = Math.floor(random() * (d.length - 1));
      phrases.add(d.slice(at, at + 2 + Math.floor(random() * 3)).join(" "));
    }
    for (let i = 0; i < 40; i++) phrases.add([pick(), pick(), pick()].join(" "));

    const cases = [...phrases].flatMap((p) => {
      let parsed;
      try {
        parsed = parseQuery(`"${p}"`);
      } catch (e) {
        if (e instanceof QueryError) return []; // punctuation only, or one-letter words
        throw e;
      }
      if (parsed.kind !== "text") return [];
      const pairs = phraseClauses(parsed.clauses);
      return [{ tsquery: toTsquery(parsed.clauses), phrase: pairs[0]?.[0] ?? null }];
    });
    const { rows } = await pgPool().query<{ matched: number; dropped: number; narrowed: number }>(
      `WITH d AS (SELECT to_tsvector('simple', search_unaccent(t)) AS v FROM unnest($1::text[]) t),
            q AS (SELECT to_tsquery('simple', search_unaccent(c->>'tsquery')) AS q, search_phrase_pairs(c->>'phrase') AS pq
                  FROM jsonb_array_elements($2::jsonb) c)
       SELECT count(*) FILTER (WHERE d.v @@ q.q)::int AS matched,
              count(*) FILTER (WHERE d.v @@ q.q AND NOT search_pairs(d.v) @@ q.pq)::int AS dropped,
              count(*) FILTER (WHERE NOT d.v @@ q.q AND NOT search_pairs(d.v) @@ q.pq)::int AS narrowed
       FROM d, q WHERE q.pq IS NOT NULL`,
      [docs.map((d) => d.join(" ")), JSON.stringify(cases)],
    );
    expect(rows[0]!.matched).toBeGreaterThan(50);
    expect(rows[0]!.dropped).toBe(0);
    // Some texts have a phrase's words but not side by side: those the pairs rule out.
    expect(rows[0]!.narrowed).toBeGreaterThan(1000);
  });

  it("has no pairs, so no condition, for a phrase the parser makes one word of", async () => {
    const { rows } = await pgPool().query<{ one: string | null; two: string | null; quoted: string | null }>(
      `SELECT search_phrase_pairs('foo.com')::text AS one, search_phrase_pairs('Let me KNOW')::text AS two,
              search_phrase_pairs('it''s a\\b')::text AS quoted`,
    );
    expect(rows[0]).toEqual({ one: null, two: "'let me' & 'me know'", quoted: "'a b' & 'it s' & 's a'" });
  });

  it("is kept by the insert trigger, and again when the content changes", async () => {
    const tag = `zq${randomBytes(4).toString("hex")}`;
    const body = receiveBody({ number: uniqueNumber(), content: `Let me know ${tag}` });
    expect((await callWebhook("receive", body)).status).toBe(200);
    const pairs = () =>
      pgPool().query<{ pairs: string }>(`SELECT search_pairs::text AS pairs FROM messages WHERE handle = $1`, [
        body.message_handle,
      ]);
    expect((await pairs()).rows[0]!.pairs).toBe(`'know ${tag}' 'let me' 'me know'`);
    await testDb().message.update({ where: { handle: body.message_handle }, data: { content: "see you" } });
    expect((await pairs()).rows[0]!.pairs).toBe("'see you'");
  });
});
