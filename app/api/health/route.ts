import { jsonResponse } from "@/lib/http/json-response";
import { healthResponse } from "@/lib/http/system-responses";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { syncStatus } from "@/lib/sync/sync-status";

export const dynamic = "force-dynamic";

// No auth: load balancers and uptime checks call it. Says whether the database answers and,
// when Sendblue sync is configured, when gap repair last ran and what it repaired (counts
// and times only, nothing from the messages).
export const GET = apiRoute({ auth: "none" }, async () => {
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
  return jsonResponse(healthResponse, { ok: true, db: "up", sync });
});
