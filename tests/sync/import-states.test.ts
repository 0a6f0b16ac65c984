import { afterAll, describe, expect, it } from "vitest";
import { runImport } from "@/lib/sync/run-import";
import { claimImport } from "@/lib/sync/sync-jobs";
import { allHandles, newJob, startSyncHarness, testPool } from "./sync-harness";

// An import does not flood the Open tab: a conversation it creates starts Done unless its
// last message is inbound and less than a week old, and history writes no trail lines.

const DAY = 86_400_000;
// Lines of its own: the stand-in's contact numbers recur in every generated history, and other
// test files import theirs into the same database at the same time.
const lines = [`+1512${Date.now() % 10_000_000}`.padEnd(12, "7"), `+1737${Date.now() % 10_000_000}`.padEnd(12, "8")];
const h = await startSyncHarness({
  history: { count: 600, seed: 6606, spanMs: 30 * DAY, lines },
  apiV2: { rateLimit: false },
});
afterAll(() => h.fake.close());

describe("imported conversations' state", { timeout: 120_000 }, () => {
  it("starts Done, but Open where the last message is inbound and under a week old", async () => {
    const job = await claimImport(testPool(), "states", await newJob());
    expect((await runImport(h.deps, job!, { owner: "states" })).state).toBe("done");
    const { rows } = await testPool().query<{
      id: number;
      state: string;
      direction: string;
      sent_at: Date;
      trail: number;
    }>(
      `SELECT c.id, c.state::text AS state, m.direction::text AS direction, m.sent_at,
              (SELECT count(*)::int FROM conversation_activity a WHERE a.conversation_id = c.id) AS trail
       FROM conversations c JOIN messages m ON m.id = c.last_message_id
       WHERE c.id IN (SELECT conversation_id FROM messages WHERE handle = ANY($1))
         -- 1:1 threads on this file's lines (group ids recur across generated histories),
         -- made by this import
         AND c.kind = 'direct' AND c.created_at >= $2`,
      [allHandles(h.fake), job!.startedAt],
    );
    expect(rows.length).toBeGreaterThan(10);
    const recentInbound = (r: (typeof rows)[number]) =>
      r.direction === "inbound" && Date.now() - r.sent_at.getTime() < 7 * DAY;
    for (const r of rows) expect(r.state, `conversation ${r.id}`).toBe(recentInbound(r) ? "open" : "done");
    expect(rows.some((r) => r.state === "open")).toBe(true);
    expect(rows.some((r) => r.state === "done")).toBe(true);
    expect(rows.every((r) => r.trail === 0)).toBe(true);
  });
});
