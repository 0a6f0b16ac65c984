import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { kickMediaMirror } from "@/lib/media/kick";
import { handleWebhookRequest } from "@/lib/webhooks/handle-webhook-request";

// Authenticity is the webhook secret, checked inside; no session or bearer token here.
export const POST = apiRoute<{ type: string }>({ auth: "none" }, async ({ request, params, requestId }) => {
  const { response, hasMedia } = await handleWebhookRequest({ db: db(), sql: pgPool() }, request, params.type, requestId);
  // Media is copied after the acknowledgement, never inside it (and only when there is some:
  // waking the mirror for every webhook kept it polling the queue under load).
  if (hasMedia) kickMediaMirror();
  return response;
});
