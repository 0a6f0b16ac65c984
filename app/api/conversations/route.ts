import { jsonResponse } from "@/lib/http/json-response";
import { conversationList } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { listConversationsQuery } from "@/lib/read/api-schemas";
import { listConversations } from "@/lib/read/list-conversations";

export const GET = apiRoute({ auth: "token" }, async ({ request }) => {
  const query = parseQuery(request, listConversationsQuery);
  return jsonResponse(conversationList, await listConversations(db(), query));
});
