import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { messageContextQuery } from "@/lib/read/api-schemas";
import { messageContext } from "@/lib/read/response-schemas";
import { jsonResponse } from "@/lib/http/json-response";
import { getMessageContext, listNewerMessages } from "@/lib/search/message-context";

// GET /api/messages/:handle/context — the message with `limit` older and newer neighbours;
// with ?after=<newerCursor>, the next newer page instead.
export const GET = apiRoute<{ handle: string }>({ auth: "token" }, async ({ request, params }) => {
  const handle = decodeURIComponent(params.handle);
  const { limit, after } = parseQuery(request, messageContextQuery);
  const result = after
    ? await listNewerMessages(db(), handle, after, limit)
    : await getMessageContext(db(), handle, limit);
  if (!result) throw new ApiError(404, "not_found", `No message with handle ${handle.slice(0, 100)}`);
  return jsonResponse(messageContext, result);
});
