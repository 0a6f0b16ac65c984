import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { listConversationsQuery } from "@/lib/read/api-schemas";
import { listConversations } from "@/lib/read/list-conversations";
import { viewerIdOf } from "@/lib/workflow/actor";

export const GET = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const query = parseQuery(request, listConversationsQuery);
  return Response.json(await listConversations(db(), { ...query, viewerId: viewerIdOf(principal) }));
});
