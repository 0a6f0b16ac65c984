import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { idParam } from "@/lib/read/api-schemas";
import { reprocessWebhookEvent } from "@/lib/webhooks/reprocess-webhook-event";

export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ params }) => {
  const outcome = await reprocessWebhookEvent(db(), idParam.parse(params.id));
  return Response.json(outcome);
});
