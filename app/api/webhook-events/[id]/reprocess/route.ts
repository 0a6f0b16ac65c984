import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { idParam } from "@/lib/read/api-schemas";
import { reprocessWebhookEvent } from "@/lib/webhooks/reprocess-webhook-event";

export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ params }) => {
  const {
    hasMedia: _,
    eventId: __,
    ...outcome
  } = await reprocessWebhookEvent({ db: db(), sql: pgPool() }, idParam.parse(params.id));
  return Response.json(outcome);
});
