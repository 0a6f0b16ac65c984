import { jsonResponse } from "@/lib/http/json-response";
import { searchResults } from "@/lib/read/response-schemas";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { searchQuerySchema } from "@/lib/search/search-schemas";
import { searchMessages } from "@/lib/search/search-messages";
import { viewerIdOf } from "@/lib/workflow/actor";

export const GET = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const input = parseQuery(request, searchQuerySchema);
  return jsonResponse(searchResults, await searchMessages(pgPool(), input, viewerIdOf(principal)));
});
