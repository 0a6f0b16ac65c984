import { requireOwner, requireOwnerSession } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/json-response";
import { createEndpointBody, endpointCreated, endpointList } from "@/lib/outgoing/endpoint-schemas";
import { createEndpoint, listEndpoints } from "@/lib/outgoing/endpoints";

export const GET = apiRoute({ auth: "token" }, async ({ principal }) => {
  requireOwner(principal);
  return jsonResponse(endpointList, { endpoints: await listEndpoints(db()) });
});

// Owners, signed in: a leaked API token must not be able to add a place that receives
// every message.
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const owner = requireOwnerSession(principal);
  const body = await parseJsonBody(request, createEndpointBody);
  return jsonResponse(endpointCreated, await createEndpoint(db(), body, owner.id), { status: 201 });
});
