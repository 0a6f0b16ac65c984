import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db-tools/migrate";
import { createPgPool } from "@/lib/db/pg-pool";
import { parseQuery } from "@/lib/search/parse-query";
import { findPhoneMatches } from "@/lib/search/phone-search-sql";
import { createScratchDatabase } from "@/scripts/lib/database";
import { testServerUrl } from "../support/db";

// A phone fragment must find every message of every conversation whose number (contact or
// group member) holds its digits, newest first, across pages: exactly what the naive ILIKE
// over the same digits finds. The corpus lives in a database of its own so that fragments as
// short as three digits match nothing but it; the plans' thresholds are set small so every
// plan (each conversation's newest page, the newest-first walks against the matching ids or
// testing each row's conversation, and the walks falling back when their window holds less
// than a page) answers on it.

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let pool: pg.Pool;
let numbers: string[] = [];
let everyThird: number[] = [];

function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

beforeAll(async () => {
  scratch = await createScratchDatabase(testServerUrl(), "inbox_phone_search");
  await migrate(scratch.url);
  pool = createPgPool(scratch.url, 3);
  const random = seeded(99);
  // Few area codes and prefixes, so short fragments match many numbers and long ones few.
  const number = () =>
    `+1${["512", "737", "212"][Math.floor(random() * 3)]}${["216", "555", "521"][Math.floor(random() * 3)]}${String(Math.floor(random() * 10_000)).padStart(4, "0")}`;
  numbers = [...new Set(Array.from({ length: 70 }, number))];
  await pool.query(`INSERT INTO lines (number) VALUES ('+15122164639')`);
  await pool.query(`INSERT INTO contacts (number) SELECT unnest($1::text[])`, [numbers]);
  for (let i = 0; i < 40; i++) {
    const group = i % 5 === 0;
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO conversations (key, kind, line_id, contact_number, group_id, last_activity_at)
       VALUES ($1, $2::"ConversationKind", 1, $3, $4, $5) RETURNING id`,
      [
        `k${i}`,
        group ? "group" : "direct",
        group ? null : numbers[i],
        group ? `g${i}` : null,
        new Date(Date.UTC(2026, 0, 1 + (i % 17))),
      ],
    );
    if (group) {
      const members = [numbers[(i + 41) % numbers.length]!, numbers[(i + 53) % numbers.length]!];
      await pool.query(
        `INSERT INTO conversation_participants (conversation_id, number) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [rows[0]!.id, members],
      );
    }
    // Busy and quiet conversations; times repeat, so order falls back to ids.
    const count = Math.floor(random() ** 2 * 25);
    for (let k = 0; k < count; k++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, Math.floor(random() * 600)));
      await pool.query(
        `INSERT INTO messages (handle, conversation_id, direction, content, status, sent_at, service)
         VALUES ($1, $2, $3::"Direction", 'hi', 'RECEIVED', $4, $5)`,
        [`m${i}-${k}`, rows[0]!.id, k % 2 ? "inbound" : "outbound", at, k % 3 ? "iMessage" : "SMS"],
      );
    }
  }
  everyThird = (await pool.query<{ id: number }>("SELECT id FROM conversations WHERE id % 3 = 0")).rows.map(
    (r) => r.id,
  );
  await pool.query("ANALYZE");
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await scratch?.drop();
});

async function naive(digits: string, service?: string, conversationIds?: number[]) {
  const { rows } = await pool.query<{ handle: string }>(
    `SELECT m.handle FROM messages m
     WHERE m.conversation_id IN (SELECT c.id FROM conversations c WHERE c.contact_number ILIKE $1
                                 UNION SELECT p.conversation_id FROM conversation_participants p WHERE p.number ILIKE $1)
       AND ($2::text IS NULL OR m.service = $2)
       AND ($3::int[] IS NULL OR m.conversation_id = ANY($3))
     ORDER BY m.sent_at DESC, m.id DESC`,
    [`%${digits}%`, service ?? null, conversationIds ?? null],
  );
  return rows.map((r) => r.handle);
}

/** A fragment as people type it: part of a number, formatted or not, or random digits. */
const fragment = fc.oneof(
  fc
    .record({ n: fc.nat(), from: fc.integer({ min: 2, max: 9 }), len: fc.integer({ min: 3, max: 8 }) })
    .map(({ n, from, len }) => {
      const digits = numbers[n % numbers.length]!.slice(from, from + len);
      return digits.length >= 3 ? `(${digits.slice(0, 3)}) ${digits.slice(3)}`.trim() : `(${digits}9)`;
    }),
  fc.stringMatching(/^[0-9]{3,7}$/).map((d) => (d.length >= 7 ? d : `${d.slice(0, 2)}-${d.slice(2)}`)),
);

describe("phone fragment search", () => {
  it("finds every match, in order and across pages, whatever plan answers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fragment,
        fc.constantFrom(1, 3, 400),
        fc.constantFrom(2, 8, 5_000),
        fc.constantFrom(2, 15, 20_000),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(undefined, "SMS"),
        // label: narrows to a set of conversations (every third one here), in every plan.
        fc.boolean(),
        async (q, fewConversations, someConversations, walkWindow, limit, service, labelled) => {
          const parsed = parseQuery(q);
          if (parsed.kind !== "phone") return;
          const conversationIds = labelled ? everyThird : undefined;
          const expected = await naive(parsed.digits, service, conversationIds);
          const got: string[] = [];
          let after: { at: Date; id: number } | null = null;
          for (let page = 0; page < 1000; page++) {
            const { rows } = await findPhoneMatches(pool, {
              digits: parsed.digits,
              filters: { service, conversationIds },
              after,
              limit: limit + 1,
              fewConversations,
              someConversations,
              walkWindow,
            });
            got.push(...rows.slice(0, limit).map((r) => r.handle));
            if (rows.length <= limit) break;
            const last = rows[limit - 1]!;
            after = { at: last.sent_at, id: last.id };
          }
          expect(
            got,
            `${q} (few ${fewConversations}, some ${someConversations}, window ${walkWindow}, limit ${limit}, labelled ${labelled})`,
          ).toEqual(expected);
        },
      ),
      { numRuns: 90, seed: 20261202 },
    );
  }, 120_000);

  it("lists the most recently active matching conversations, for few matches and for many", async () => {
    for (const digits of ["512", "2165", "737555"]) {
      const { rows } = await pool.query<{ id: number }>(
        `SELECT c.id FROM conversations c
         WHERE c.contact_number LIKE $1 OR EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.number LIKE $1)
         ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 10`,
        [`%${digits}%`],
      );
      // Each plan: every conversation's newest page, the walk against their ids, the walk
      // testing each row's conversation.
      for (const [fewConversations, someConversations] of [
        [400, 5_000],
        [1, 400],
        [1, 1],
      ] as const) {
        const { conversations } = await findPhoneMatches(pool, {
          digits,
          filters: {},
          after: null,
          limit: 5,
          fewConversations,
          someConversations,
        });
        expect(
          conversations.map((c) => c.conversation_id),
          `${digits}, few ${fewConversations}, some ${someConversations}`,
        ).toEqual(rows.map((r) => r.id));
      }
    }
  });
});
