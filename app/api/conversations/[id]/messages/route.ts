import { jsonResponse } from "@/lib/http/json-response";
import { messagePage } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { idParam, listMessagesQuery } from "@/lib/read/api-schemas";
import { listMessages } from "@/lib/read/list-messages";

export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params }) => {
  const id = idParam.parse(params.id);
  const query = parseQuery(request, listMessagesQuery);
  const exists = await db().conversation.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw new ApiError(404, "not_found", `No conversation ${id}`);
  return jsonResponse(messagePage, await listMessages(db(), id, query));
});
