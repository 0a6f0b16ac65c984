import { jsonResponse } from "@/lib/http/json-response";
import { mentionsMarked } from "@/lib/notes/note-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { markMentionsRead, unreadMentionCount } from "@/lib/notes/mentions";
import { markMentionsReadBody } from "@/lib/notes/note-schemas";

export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireUser(principal);
  const marked = await markMentionsRead(db(), user.id, await parseJsonBody(request, markMentionsReadBody));
  return jsonResponse(mentionsMarked, { marked, unreadCount: await unreadMentionCount(db(), user.id) });
});
