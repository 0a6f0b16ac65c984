import { jsonResponse } from "@/lib/http/json-response";
import { sendResult } from "@/lib/send/send-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { idParam } from "@/lib/read/api-schemas";
import { sendReply } from "@/lib/send/send-reply";
import { replyBody } from "@/lib/send/send-schemas";
import { statusCallbackUrl } from "@/lib/send/status-callback-url";
import { requireSendblueClient } from "@/lib/sendblue/configured-client";

// Send a reply in this conversation from its line. Idempotent per clientId. Members are
// recorded as its sender; automation with the shared INBOX_API_TOKEN sends as nobody.
export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  const user = principal?.kind === "automation" ? null : requireUser(principal);
  const body = await parseJsonBody(request, replyBody);
  const result = await sendReply(db(), requireSendblueClient(), {
    conversationId: idParam.parse(params.id),
    clientId: body.clientId,
    content: body.content,
    mediaUrl: body.mediaUrl,
    sendStyle: body.sendStyle,
    replyTo: body.replyTo,
    userId: user?.id ?? null,
    statusCallbackUrl: statusCallbackUrl(),
  });
  return jsonResponse(sendResult, result, { status: result.status === "FAILED" ? 502 : 202 });
});
