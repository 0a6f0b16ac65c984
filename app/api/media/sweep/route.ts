import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { drainMediaQueue } from "@/lib/media/worker";
import { authorizeSweep } from "@/lib/media/sweep-auth";

// Cron-callable: copies whatever is due, stopping early enough to answer within the
// function's time limit; what is left waits for the next sweep. Vercel Cron uses GET.
export const maxDuration = 60;

const sweep = apiRoute({ auth: "none" }, async ({ request }) => {
  authorizeSweep(request);
  const result = await drainMediaQueue(db(), { deadline: Date.now() + 40_000 });
  return Response.json(result);
});

export const GET = sweep;
export const POST = sweep;
