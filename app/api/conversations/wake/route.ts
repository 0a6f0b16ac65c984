import { jsonResponse } from "@/lib/http/json-response";
import { wakeResult } from "@/lib/workflow/workflow-responses";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { authorizeSweep } from "@/lib/media/sweep-auth";
import { wakeSnoozed } from "@/lib/workflow/wake-snoozed";

// Cron-callable (Vercel Cron: GET with `Authorization: Bearer <CRON_SECRET>`): reopens
// snoozed conversations whose time has come. Long-running servers also do it on a timer.
const wake = apiRoute({ auth: "none" }, async ({ request }) => {
  authorizeSweep(request);
  const woke = await wakeSnoozed(db());
  return jsonResponse(wakeResult, { woke: woke.length });
});

export const GET = wake;
export const POST = wake;
