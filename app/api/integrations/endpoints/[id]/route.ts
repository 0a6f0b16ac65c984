import { requireOwnerSession } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { okBody } from "@/lib/http/common-schemas";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/json-response";
import { endpointUpdated, updateEndpointBody } from "@/lib/outgoing/endpoint-schemas";
import { removeEndpoint, setEndpointEnabled } from "@/lib/outgoing/endpoints";
import { idParam } from "@/lib/read/api-schemas";

export const PATCH = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  requireOwnerSession(principal);
  const { enabled } = await parseJsonBody(request, updateEndpointBody);
  return jsonResponse(endpointUpdated, { endpoint: await setEndpointEnabled(db(), idParam.parse(params.id), enabled) });
});

export const DELETE = apiRoute<{ id: string }>({ auth: "token" }, async ({ params, principal }) => {
  requireOwnerSession(principal);
  await removeEndpoint(db(), idParam.parse(params.id));
  return jsonResponse(okBody, { ok: true });
});
