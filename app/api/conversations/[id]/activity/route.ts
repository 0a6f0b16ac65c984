import { jsonResponse } from "@/lib/http/json-response";
import { activityPage, activityQuery } from "@/lib/activity/activity-schemas";
import { db } from "@/lib/db/client";
import { listActivity } from "@/lib/activity/record-activity";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { idParam } from "@/lib/read/api-schemas";

/** The conversation's activity trail, oldest first, keyset-paged. */
export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params }) => {
  const id = idParam.parse(params.id);
  const query = parseQuery(request, activityQuery);
  if (!(await db().conversation.findUnique({ where: { id }, select: { id: true } }))) {
    throw new ApiError(404, "not_found", `No conversation ${id}`);
  }
  return jsonResponse(activityPage, await listActivity(db(), id, query));
});
