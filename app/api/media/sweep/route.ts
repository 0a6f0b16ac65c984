import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { mediaStorage } from "@/lib/media/storage";
import { runRetention } from "@/lib/retention/run-retention";
import { apiRoute } from "@/lib/http/api-route";
import { drainMediaQueue } from "@/lib/media/worker";
import { authorizeSweep } from "@/lib/media/sweep-auth";

// Cron-callable: copies whatever is due, stopping early enough to answer within the
// function's time limit; what is left waits for the next sweep. Vercel Cron uses GET.
export const maxDuration = 60;

const sweep = apiRoute({ auth: "none" }, async ({ request }) => {
  authorizeSweep(request);
  const result = await drainMediaQueue(db(), { deadline: Date.now() + 40_000 });
  // Where no server runs in the background (Vercel), retention rides on this cron, bounded.
  const retention = await runRetention({ db: db(), pool: pgPool(), storage: mediaStorage }, { maxBatches: 20 });
  return Response.json({ ...result, retention });
});

export const GET = sweep;
export const POST = sweep;
