import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { handleWebhookRequest } from "@/lib/webhooks/handle-webhook-request";

// Authenticity is the webhook secret, checked inside; no session or bearer token here.
export const POST = apiRoute<{ type: string }>({ auth: "none" }, ({ request, params, requestId }) =>
  handleWebhookRequest(db(), request, params.type, requestId),
);
