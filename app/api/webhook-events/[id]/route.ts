import { jsonResponse } from "@/lib/http/json-response";
import { webhookEventDetail } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { idParam } from "@/lib/read/api-schemas";
import { getWebhookEvent } from "@/lib/read/list-webhook-events";

// One raw webhook with its whole body (the list leaves large bodies out).
export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ params }) => {
  const event = await getWebhookEvent(db(), idParam.parse(params.id));
  if (!event) throw new ApiError(404, "not_found", "No such webhook event");
  return jsonResponse(webhookEventDetail, event);
});
