import { jsonResponse } from "@/lib/http/json-response";
import { tabCountsResponse } from "@/lib/workflow/workflow-responses";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { viewerIdOf } from "@/lib/workflow/actor";
import { tabCounts } from "@/lib/workflow/tab-counts";

/** How many conversations each inbox tab holds (Mine: the calling member's). */
export const GET = apiRoute({ auth: "token" }, async ({ principal }) =>
  jsonResponse(tabCountsResponse, await tabCounts(db(), viewerIdOf(principal))),
);
