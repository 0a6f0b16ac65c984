import { jsonResponse } from "@/lib/http/json-response";
import { savedReplyList, savedReplyView } from "@/lib/saved-replies/saved-reply-responses";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { createSavedReply, listSavedReplies } from "@/lib/saved-replies/saved-replies";
import { createSavedReplyBody } from "@/lib/saved-replies/saved-reply-schemas";

// Team-wide saved replies ("/" in the composer), with their {{variables}} as written.
export const GET = apiRoute({ auth: "token" }, async () =>
  jsonResponse(savedReplyList, { savedReplies: await listSavedReplies(db()) }),
);

export const POST = apiRoute({ auth: "token" }, async ({ request }) => {
  const reply = await createSavedReply(db(), await parseJsonBody(request, createSavedReplyBody));
  return jsonResponse(savedReplyView, reply, { status: 201 });
});
