import { jsonResponse } from "@/lib/http/json-response";
import { webhookEventList } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { listWebhookEventsQuery } from "@/lib/read/api-schemas";
import { listWebhookEvents } from "@/lib/read/list-webhook-events";

export const GET = apiRoute({ auth: "token" }, async ({ request }) => {
  const query = parseQuery(request, listWebhookEventsQuery);
  return jsonResponse(webhookEventList, await listWebhookEvents(db(), query));
});
