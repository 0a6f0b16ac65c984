import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { kickMediaMirror } from "@/lib/media/kick";
import { handleWebhookRequest } from "@/lib/webhooks/handle-webhook-request";

// Authenticity is the webhook secret, checked inside; no session or bearer token here.
export const POST = apiRoute<{ type: string }>({ auth: "none" }, async ({ request, params, requestId }) => {
  const response = await handleWebhookRequest(db(), request, params.type, requestId);
  // Media is copied after the acknowledgement, never inside it.
  if (response.ok) kickMediaMirror();
  return response;
});
