import { jsonResponse } from "@/lib/http/json-response";
import { labelView } from "@/lib/labels/label-responses";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { updateLabelBody } from "@/lib/labels/label-schemas";
import { deleteLabel, updateLabel } from "@/lib/labels/labels";
import { idParam } from "@/lib/read/api-schemas";

// Rename or recolour a label; delete it (it comes off every conversation).
export const PATCH = apiRoute<{ labelId: string }>({ auth: "token" }, async ({ request, params }) => {
  const body = await parseJsonBody(request, updateLabelBody);
  return jsonResponse(labelView, await updateLabel(db(), idParam.parse(params.labelId), body));
});

export const DELETE = apiRoute<{ labelId: string }>({ auth: "token" }, async ({ params }) => {
  await deleteLabel(db(), idParam.parse(params.labelId));
  return new Response(null, { status: 204 });
});
