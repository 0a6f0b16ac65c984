import { requireOwnerSession } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { jsonResponse } from "@/lib/http/json-response";
import { resendResult } from "@/lib/outgoing/endpoint-schemas";
import { resendDelivery } from "@/lib/outgoing/delivery-queue";
import { idParam } from "@/lib/read/api-schemas";

/** Sends a delivered or failed event again (same webhook-id), due now. */
export const POST = apiRoute<{ id: string; deliveryId: string }>({ auth: "token" }, async ({ params, principal }) => {
  requireOwnerSession(principal);
  const endpointId = idParam.parse(params.id);
  const deliveryId = BigInt(idParam.parse(params.deliveryId));
  if (!(await resendDelivery(db(), endpointId, deliveryId))) {
    throw new ApiError(409, "not_resendable", "Only a delivered or failed event of this endpoint can be sent again");
  }
  return jsonResponse(resendResult, { ok: true, state: "pending" });
});
