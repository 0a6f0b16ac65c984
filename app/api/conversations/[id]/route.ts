import { jsonResponse } from "@/lib/http/json-response";
import { conversationView } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { idParam } from "@/lib/read/api-schemas";
import { getConversation } from "@/lib/read/list-conversations";
import { actorOf, viewerIdOf } from "@/lib/workflow/actor";
import { changeConversation } from "@/lib/workflow/change-conversation";
import { conversationChange } from "@/lib/workflow/workflow-schemas";
import { conversationChanged } from "@/lib/workflow/workflow-responses";

export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ params, principal }) => {
  const id = idParam.parse(params.id);
  const conversation = await getConversation(pgPool(), id, viewerIdOf(principal));
  if (!conversation) throw new ApiError(404, "not_found", `No conversation ${id}`);
  return jsonResponse(conversationView, conversation);
});

/** State, snooze and assignee (issue 14); the change and its trail lines commit together. */
export const PATCH = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  const id = idParam.parse(params.id);
  const change = await parseJsonBody(request, conversationChange);
  const result = await changeConversation(db(), id, actorOf(principal), change);
  if (!result) throw new ApiError(404, "not_found", `No conversation ${id}`);
  return jsonResponse(conversationChanged, { id, ...result });
});
