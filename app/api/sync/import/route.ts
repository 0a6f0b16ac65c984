import { requireOwner } from "@/lib/auth/authenticate";
import { pgPool } from "@/lib/db/pg-pool";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { importBody } from "@/lib/sync/import-body";
import { syncConfigured } from "@/lib/sync/sync-deps";
import { requestImport } from "@/lib/sync/sync-jobs";
import { importView } from "@/lib/sync/sync-status";
import { syncWorker } from "@/lib/sync/sync-worker";

/** Starts a history import (or returns the one already queued or running). Owners only. */
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = principal?.kind === "automation" ? null : requireOwner(principal);
  if (!syncConfigured()) {
    throw new ApiError(
      503,
      "sync_not_configured",
      "Set SENDBLUE_API_KEY_ID and SENDBLUE_API_SECRET to import from Sendblue",
    );
  }
  const body = await parseJsonBody(request, importBody);
  const { job, created } = await requestImport(pgPool(), {
    since: body.since,
    line: body.line ?? null,
    userId: user?.id ?? null,
  });
  syncWorker()?.wake();
  return Response.json({ import: importView(job), created }, { status: created ? 202 : 200 });
});
