import { db } from "@/lib/db/client";
import { exportConversation } from "@/lib/export/conversation-export";
import { conversationExportQuery } from "@/lib/export/export-schemas";
import { exportHeaders } from "@/lib/export/export-headers";
import { streamResponse } from "@/lib/export/stream-response";
import { localeOf, zoneFormat } from "@/lib/export/zone-format";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { originOf } from "@/lib/http/public-origin";
import { parseQuery } from "@/lib/http/query";
import { idParam } from "@/lib/read/api-schemas";
import { actorOf } from "@/lib/workflow/actor";

/** The whole conversation as a printable HTML transcript or as JSON, streamed. */
export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal, requestId }) => {
  const id = idParam.parse(params.id);
  const query = parseQuery(request, conversationExportQuery);
  const member = actorOf(principal);
  const result = await exportConversation(db(), id, {
    format: query.format,
    origin: originOf(request.headers, request.url),
    time: zoneFormat(query.tz, localeOf(request.headers.get("accept-language"))),
    viewerId: member?.id ?? null,
    exportedBy: member ? (member.name ?? member.email) : null,
  });
  if (!result) throw new ApiError(404, "not_found", `No conversation ${id}`);
  return streamResponse(result.chunks, exportHeaders(result.contentType, result.filename), requestId);
});
