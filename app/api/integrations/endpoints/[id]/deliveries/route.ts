import { requireOwner } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { jsonResponse } from "@/lib/http/json-response";
import { parseQuery } from "@/lib/http/query";
import { deliveryList, listDeliveriesQuery } from "@/lib/outgoing/endpoint-schemas";
import { listDeliveries } from "@/lib/outgoing/endpoints";
import { idParam } from "@/lib/read/api-schemas";

/** The delivery log of one endpoint, newest first. */
export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  requireOwner(principal);
  const query = parseQuery(request, listDeliveriesQuery);
  return jsonResponse(deliveryList, await listDeliveries(db(), idParam.parse(params.id), query));
});
