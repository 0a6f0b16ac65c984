import { jsonResponse } from "@/lib/http/json-response";
import { savedReplyView } from "@/lib/saved-replies/saved-reply-responses";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { idParam } from "@/lib/read/api-schemas";
import { deleteSavedReply, updateSavedReply } from "@/lib/saved-replies/saved-replies";
import { updateSavedReplyBody } from "@/lib/saved-replies/saved-reply-schemas";

export const PATCH = apiRoute<{ replyId: string }>({ auth: "token" }, async ({ request, params }) => {
  const body = await parseJsonBody(request, updateSavedReplyBody);
  return jsonResponse(savedReplyView, await updateSavedReply(db(), idParam.parse(params.replyId), body));
});

export const DELETE = apiRoute<{ replyId: string }>({ auth: "token" }, async ({ params }) => {
  await deleteSavedReply(db(), idParam.parse(params.replyId));
  return new Response(null, { status: 204 });
});
