import { jsonResponse } from "@/lib/http/json-response";
import { bulkChanged } from "@/lib/workflow/workflow-responses";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { actorOf } from "@/lib/workflow/actor";
import { bulkChange } from "@/lib/workflow/bulk-change";
import { bulkChange as bulkChangeBody } from "@/lib/workflow/workflow-schemas";

/** One action (done, open, snooze, assign, unread) for up to 500 conversations. */
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const input = await parseJsonBody(request, bulkChangeBody);
  return jsonResponse(bulkChanged, await bulkChange(db(), actorOf(principal), input));
});
