import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { exportHeaders } from "@/lib/export/export-headers";
import { exportFilename, slug } from "@/lib/export/export-filename";
import { searchExportQuery } from "@/lib/export/export-schemas";
import { searchCsv } from "@/lib/export/search-csv";
import { streamResponse } from "@/lib/export/stream-response";
import { zoneFormat } from "@/lib/export/zone-format";
import { apiRoute } from "@/lib/http/api-route";
import { originOf } from "@/lib/http/public-origin";
import { parseQuery } from "@/lib/http/query";
import { viewerIdOf } from "@/lib/workflow/actor";

/** Every message the search finds, as CSV, streamed. */
export const GET = apiRoute({ auth: "token" }, async ({ request, principal, requestId }) => {
  const { tz, ...input } = parseQuery(request, searchExportQuery);
  const chunks = searchCsv(pgPool(), db(), input, {
    viewerId: viewerIdOf(principal),
    origin: originOf(request.headers, request.url),
    time: zoneFormat(tz),
  });
  const filename = exportFilename(["search", slug(input.q, "messages")], "csv");
  return streamResponse(chunks, exportHeaders("text/csv; charset=utf-8", filename), requestId);
});
