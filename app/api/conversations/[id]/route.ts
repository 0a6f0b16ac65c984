import { jsonResponse } from "@/lib/http/json-response";
import { conversationView } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { idParam } from "@/lib/read/api-schemas";
import { getConversation } from "@/lib/read/list-conversations";

export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ params }) => {
  const id = idParam.parse(params.id);
  const conversation = await getConversation(db(), id);
  if (!conversation) throw new ApiError(404, "not_found", `No conversation ${id}`);
  return jsonResponse(conversationView, conversation);
});
