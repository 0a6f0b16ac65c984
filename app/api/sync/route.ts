import { requireUser } from "@/lib/auth/authenticate";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { syncStatus } from "@/lib/sync/sync-status";

export const dynamic = "force-dynamic";

/** Sync with Sendblue: the latest import's progress, the last reconcile pass, the stream. */
export const GET = apiRoute({ auth: "token" }, async ({ principal }) => {
  if (principal?.kind !== "automation") requireUser(principal);
  return Response.json(await syncStatus(pgPool()));
});
