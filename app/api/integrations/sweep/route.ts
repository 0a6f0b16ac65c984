import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { jsonResponse } from "@/lib/http/json-response";
import { authorizeSweep } from "@/lib/media/sweep-auth";
import { drainResult } from "@/lib/outgoing/endpoint-schemas";
import { drainOutgoing } from "@/lib/outgoing/deliver";
import { drainPush } from "@/lib/notifications/push-deliver";

// Cron-callable, for hosts without a long-running worker (Vercel): sends what is due (outgoing
// webhooks, Slack notices, Web Push) until shortly before the function's time limit; the rest
// waits for the next call.
export const maxDuration = 60;

const sweep = apiRoute({ auth: "none" }, async ({ request }) => {
  authorizeSweep(request);
  const deadline = Date.now() + 40_000;
  const [outgoing, push] = await Promise.all([drainOutgoing(db(), { deadline }), drainPush(db(), { deadline })]);
  return jsonResponse(drainResult, { ...outgoing, push });
});

export const GET = sweep;
export const POST = sweep;
