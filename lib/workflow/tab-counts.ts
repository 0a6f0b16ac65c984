import type { Db } from "@/lib/db/client";
import { disabledMemberIds } from "./list-page-ids";
import type { InboxTab } from "./workflow-schemas";

// Live tab counts from the counters ledger (keys kept by triggers, migration
// 20261202130000): 'conversations:open:<assignee id | none>', 'conversations:snoozed',
// 'conversations:done'. One statement over those keys and their unfolded deltas, so the
// cost does not grow with the number of conversations.

export async function tabCounts(db: Db, viewerId: number | null): Promise<Record<InboxTab, number>> {
  const [rows, disabled] = await Promise.all([
    db.$queryRaw<{ key: string; total: bigint }[]>`
      SELECT key, sum(value)::bigint AS total FROM (
        SELECT key, value FROM counters WHERE key LIKE 'conversations:%'
        UNION ALL
        SELECT key, delta FROM counter_deltas WHERE key LIKE 'conversations:%'
      ) t GROUP BY key`,
    disabledMemberIds(db),
  ]);
  const byKey = new Map(rows.map((r) => [r.key, Number(r.total)]));
  const at = (key: string) => byKey.get(key) ?? 0;
  let open = 0;
  for (const [key, n] of byKey) if (key.startsWith("conversations:open:")) open += n;
  const snoozed = at("conversations:snoozed");
  const done = at("conversations:done");
  return {
    open,
    mine: viewerId === null ? 0 : at(`conversations:open:${viewerId}`),
    unassigned: at("conversations:open:none") + disabled.reduce((n, id) => n + at(`conversations:open:${id}`), 0),
    snoozed,
    done,
    all: open + snoozed + done,
  };
}
