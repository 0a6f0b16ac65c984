import { db } from "@/lib/db/client";
import { contactsCsv } from "@/lib/export/contacts-csv";
import { exportHeaders } from "@/lib/export/export-headers";
import { exportFilename, slug } from "@/lib/export/export-filename";
import { contactsExportQuery } from "@/lib/export/export-schemas";
import { streamResponse } from "@/lib/export/stream-response";
import { zoneFormat } from "@/lib/export/zone-format";
import { apiRoute } from "@/lib/http/api-route";
import { originOf } from "@/lib/http/public-origin";
import { parseQuery } from "@/lib/http/query";

/** The contacts the Contacts page lists for the same search, as CSV, streamed. */
export const GET = apiRoute({ auth: "token" }, async ({ request, requestId }) => {
  const { q, tz } = parseQuery(request, contactsExportQuery);
  const chunks = contactsCsv(db(), { q }, { origin: originOf(request.headers, request.url), time: zoneFormat(tz) });
  const filename = exportFilename(q ? ["contacts", slug(q, "search")] : ["contacts"], "csv");
  return streamResponse(chunks, exportHeaders("text/csv; charset=utf-8", filename), requestId);
});
