import { jsonResponse } from "@/lib/http/json-response";
import { healthResponse } from "@/lib/http/system-responses";
import { db } from "@/lib/db/client";
import { listUnfinishedTasks } from "@/lib/db/background-tasks";
import { migrationState } from "@/lib/db/migration-state";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { mediaQueueStatus } from "@/lib/media/queue-status";
import { syncStatus } from "@/lib/sync/sync-status";

export const dynamic = "force-dynamic";

// No auth: load balancers and uptime checks call it. Says whether the database answers and,
// when Sendblue sync is configured, when gap repair last ran and what it repaired (counts
// and times only, nothing from the messages). `?deep=1` adds the schema's migration state,
// unfinished upgrade tasks and the age of the media queue (still counts and names only).
export const GET = apiRoute({ auth: "none" }, async ({ request }) => {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    return jsonResponse(healthResponse, { ok: false, db: "down" }, { status: 503 });
  }
  const s = await syncStatus(pgPool()).catch(() => null);
  const sync = s?.configured
    ? {
        events: s.events,
        reconcile: s.reconcile && {
          lastRunAt: s.reconcile.lastRunAt,
          lastRepaired: s.reconcile.lastRepaired,
          repairedTotal: s.reconcile.repairedTotal,
          ok: s.reconcile.lastError === null,
        },
        import: s.import && { state: s.import.state, fetched: s.import.fetched, stored: s.import.stored },
        stream: s.stream && { connected: s.stream.connected, lastEventAt: s.stream.lastEventAt },
      }
    : { configured: false };
  if (new URL(request.url).searchParams.get("deep") !== "1")
    return jsonResponse(healthResponse, { ok: true, db: "up", sync });

  const [migrations, tasks, media] = await Promise.all([
    migrationState(pgPool()),
    listUnfinishedTasks(pgPool()),
    mediaQueueStatus(pgPool(), { recent: 0 }),
  ]);
  const ok = migrations.failed.length === 0 && (migrations.pending?.length ?? 0) === 0;
  return jsonResponse(
    healthResponse,
    {
      ok,
      db: "up",
      sync,
      migrations,
      backgroundTasks: tasks.map((t) => ({ name: t.name, state: t.state, percent: t.percent })),
      mediaQueue: {
        pending: media.counts.pending + media.counts.copying,
        failed: media.counts.failed,
        oldestPendingAgeSeconds: media.oldestPendingAt
          ? Math.round((Date.now() - Date.parse(media.oldestPendingAt)) / 1000)
          : 0,
      },
    },
    { status: ok ? 200 : 503 },
  );
});
