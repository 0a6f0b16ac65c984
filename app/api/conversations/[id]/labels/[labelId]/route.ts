import { jsonResponse } from "@/lib/http/json-response";
import { conversationLabelRemoved } from "@/lib/labels/label-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { removeConversationLabel } from "@/lib/labels/conversation-labels";
import { idParam } from "@/lib/read/api-schemas";

// Take a label off a conversation; taking off one it does not carry changes nothing.
export const DELETE = apiRoute<{ id: string; labelId: string }>({ auth: "token" }, async ({ params, principal }) => {
  // Automation (the shared INBOX_API_TOKEN) acts as nobody, as for replies.
  const user = principal?.kind === "automation" ? null : requireUser(principal);
  return jsonResponse(
    conversationLabelRemoved,
    await removeConversationLabel(db(), user, idParam.parse(params.id), idParam.parse(params.labelId)),
  );
});
