import { jsonResponse } from "@/lib/http/json-response";
import { mentionList } from "@/lib/notes/note-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { listMentions } from "@/lib/notes/mentions";
import { listMentionsQuery } from "@/lib/notes/note-schemas";

// The caller's @mentions in notes, newest first, with their unread count.
export const GET = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireUser(principal);
  return jsonResponse(mentionList, await listMentions(db(), user.id, parseQuery(request, listMentionsQuery)));
});
