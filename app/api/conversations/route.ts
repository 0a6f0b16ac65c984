import { jsonResponse } from "@/lib/http/json-response";
import { conversationList } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { listConversationsQuery } from "@/lib/read/api-schemas";
import { findLabelByName } from "@/lib/labels/labels";
import { listConversations } from "@/lib/read/list-conversations";
import { viewerIdOf } from "@/lib/workflow/actor";

export const GET = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const { label, ...query } = parseQuery(request, listConversationsQuery);
  const labelId = label ? (await findLabelByName(db(), label))?.id : undefined;
  if (label && !labelId) throw new ApiError(400, "invalid_request", `label: no label called "${label}"`);
  return jsonResponse(
    conversationList,
    await listConversations(pgPool(), { ...query, labelId, viewerId: viewerIdOf(principal) }),
  );
});
