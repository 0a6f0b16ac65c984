import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { jsonResponse } from "@/lib/http/json-response";
import { parseQuery } from "@/lib/http/query";
import { insightsQuery, insightsResponse } from "@/lib/insights/insights-schemas";
import { loadInsights } from "@/lib/insights/load-insights";

export const GET = apiRoute({ auth: "token" }, async ({ request }) => {
  const query = parseQuery(request, insightsQuery);
  return jsonResponse(insightsResponse, await loadInsights(db(), query));
});
