import type { Db } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";

// Snoozed conversations whose time has come go back to open. The UPDATE is guarded on
// state and time, so when several processes (servers, the cron route) run it at once a
// conversation wakes exactly once: the others find it open after the first commits.
// `now` is a parameter so tests can move the clock.

export async function wakeSnoozed(db: Db, now = new Date()): Promise<number[]> {
  return db.$transaction(async (tx) => {
    const woke = await tx.$queryRaw<{ id: number; snoozed_until: Date }[]>`
      WITH due AS (
        SELECT id, snoozed_until FROM conversations
        WHERE state = 'snoozed' AND snoozed_until <= ${now}
        ORDER BY snoozed_until LIMIT 1000 FOR UPDATE SKIP LOCKED
      )
      UPDATE conversations c SET state = 'open', snoozed_until = NULL, state_changed_at = ${now}
      FROM due WHERE c.id = due.id AND c.state = 'snoozed'
      RETURNING c.id, due.snoozed_until`;
    if (!woke.length) return [];
    await tx.conversationActivity.createMany({
      data: woke.map((w) => ({
        conversationId: w.id,
        kind: "state",
        data: { from: "snoozed", to: "open", reason: "snooze_woke", snoozedUntil: w.snoozed_until.toISOString() },
      })),
    });
    for (const w of woke) {
      await notifyInbox(tx, { type: "conversation", conversationId: w.id });
      await notifyInbox(tx, { type: "activity", conversationId: w.id });
    }
    return woke.map((w) => w.id);
  });
}
