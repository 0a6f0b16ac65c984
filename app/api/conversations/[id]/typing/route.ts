import { jsonResponse } from "@/lib/http/json-response";
import { typingResult } from "@/lib/send/send-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { idParam } from "@/lib/read/api-schemas";
import { typingBody } from "@/lib/send/send-schemas";
import { requireSendblueClient } from "@/lib/sendblue/configured-client";

// Shows the contact that a member is typing (iMessage 1:1 only; the composer throttles).
export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  requireUser(principal);
  const { state } = await parseJsonBody(request, typingBody);
  const c = await db().conversation.findUnique({
    where: { id: idParam.parse(params.id) },
    select: { kind: true, contactNumber: true, line: { select: { number: true } } },
  });
  if (!c) throw new ApiError(404, "not_found", "No such conversation");
  if (c.kind !== "direct" || !c.contactNumber || !c.line)
    return jsonResponse(typingResult, { ok: false, reason: "typing indicators are for 1:1 chats" });
  await requireSendblueClient().sendTypingIndicator({ number: c.contactNumber, from_number: c.line.number, state });
  return jsonResponse(typingResult, { ok: true });
});
