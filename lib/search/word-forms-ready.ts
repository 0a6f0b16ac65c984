import { isTaskDone } from "@/lib/db/background-tasks";
import type { SqlRunner } from "@/lib/db/pg-pool";

// Word forms ("refund" finding "refunds") need every stored message's vector to hold its
// stems. Messages stored before the search_stems migration get them from a background task
// (lib/db/background-tasks.ts); until it is done, search matches words exactly, as before,
// so results never depend on how far the backfill got.

export const WORD_FORMS_TASK = "search_stems_backfill";
const RECHECK_MS = 10_000;
const checks = new WeakMap<SqlRunner, { at: number; ready: Promise<boolean> }>();

export function wordFormsReady(sql: SqlRunner): Promise<boolean> {
  const cached = checks.get(sql);
  if (cached && Date.now() - cached.at < RECHECK_MS) return cached.ready;
  const ready = isTaskDone(sql, WORD_FORMS_TASK).catch(() => false);
  // Once done, done for good: no more lookups.
  checks.set(sql, { at: Date.now(), ready });
  void ready.then((done) => done && checks.set(sql, { at: Infinity, ready }));
  return ready;
}
