import { jsonResponse } from "@/lib/http/json-response";
import { labelList, labelView } from "@/lib/labels/label-responses";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { createLabelBody } from "@/lib/labels/label-schemas";
import { createLabel, listLabels } from "@/lib/labels/labels";

// The team's labels, by name, with how many conversations carry each.
export const GET = apiRoute({ auth: "token" }, async () => jsonResponse(labelList, { labels: await listLabels(db()) }));

export const POST = apiRoute({ auth: "token" }, async ({ request }) => {
  const label = await createLabel(db(), await parseJsonBody(request, createLabelBody));
  return jsonResponse(labelView, label, { status: 201 });
});
