import { isTaskDone } from "@/lib/db/background-tasks";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { taskDoneCached } from "@/lib/db/task-done-cache";

// Word forms ("refund" finding "refunds") need every stored message's vector to hold its
// stems. Messages stored before the search_stems migration get them from a background task
// (lib/db/background-tasks.ts); until it is done, search matches words exactly, as before,
// so results never depend on how far the backfill got.

export const WORD_FORMS_TASK = "search_stems_backfill";

export function wordFormsReady(sql: SqlRunner): Promise<boolean> {
  return taskDoneCached(sql, WORD_FORMS_TASK, () => isTaskDone(sql, WORD_FORMS_TASK));
}
