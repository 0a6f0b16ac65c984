import { jsonResponse } from "@/lib/http/json-response";
import { sendResult } from "@/lib/send/send-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { retryReply } from "@/lib/send/send-reply";
import { statusCallbackUrl } from "@/lib/send/status-callback-url";
import { requireSendblueClient } from "@/lib/sendblue/configured-client";

export const POST = apiRoute<{ handle: string }>({ auth: "token" }, async ({ params, principal }) => {
  requireUser(principal);
  const result = await retryReply(
    db(),
    requireSendblueClient(),
    decodeURIComponent(params.handle),
    statusCallbackUrl(),
  );
  return jsonResponse(sendResult, result, { status: result.status === "FAILED" ? 502 : 202 });
});
