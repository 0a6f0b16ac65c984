import { apiRoute } from "@/lib/http/api-route";
import { authorizeSweep } from "@/lib/media/sweep-auth";
import { runReconcile } from "@/lib/sync/reconcile";
import { runImport } from "@/lib/sync/run-import";
import { leaseOwnerId, syncDeps } from "@/lib/sync/sync-deps";
import { claimImport } from "@/lib/sync/sync-jobs";

// Cron-callable (Vercel Cron sends GET with `Authorization: Bearer <CRON_SECRET>`): a
// reconcile pass, then as much of a queued import as fits before the deadline; the import
// resumes from its cursor on the next call. Leases keep it from overlapping a server's own.
export const maxDuration = 60;

const run = apiRoute({ auth: "none" }, async ({ request }) => {
  authorizeSweep(request);
  const deps = syncDeps();
  if (!deps) return Response.json({ configured: false });
  const owner = leaseOwnerId("cron");
  const deadline = Date.now() + 40_000;
  const reconcile = await runReconcile(deps, { owner, deadline });
  const job = Date.now() < deadline ? await claimImport(deps.pool, owner) : null;
  const imported = job ? await runImport(deps, job, { owner, deadline }) : null;
  return Response.json({
    configured: true,
    reconcile,
    import: imported && { id: imported.id, state: imported.state, fetched: imported.fetched, stored: imported.stored },
  });
});

export const GET = run;
export const POST = run;
