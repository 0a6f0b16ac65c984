import { jsonResponse } from "@/lib/http/json-response";
import { conversationLabelAdded } from "@/lib/labels/label-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { addConversationLabel } from "@/lib/labels/conversation-labels";
import { addConversationLabelBody } from "@/lib/labels/label-schemas";
import { idParam } from "@/lib/read/api-schemas";

// Put a label (by labelId or name) on a conversation; doing it twice changes nothing.
export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  // Automation (the shared INBOX_API_TOKEN) acts as nobody, as for replies.
  const user = principal?.kind === "automation" ? null : requireUser(principal);
  const body = await parseJsonBody(request, addConversationLabelBody);
  const result = await addConversationLabel(db(), user, idParam.parse(params.id), body);
  return jsonResponse(conversationLabelAdded, result, { status: result.changed ? 201 : 200 });
});
