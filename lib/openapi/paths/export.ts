import {
  contactsExportQuery,
  conversationExport,
  conversationExportQuery,
  searchExportQuery,
} from "@/lib/export/export-schemas";
import { idPath } from "@/lib/http/common-schemas";
import type { RouteDocs } from "../operation";

// Downloads: a conversation as a transcript or JSON, search results and contacts as CSV.
// Each is written as it is read (streamed), whatever its size.

const member = ["bearer", "session"] as const;
const download = { "content-disposition": "attachment; filename=\"…\"; filename*=UTF-8''…" };
const csv =
  "UTF-8 with a byte-order mark, CRLF rows, RFC 4180 quoting; a cell starting with =, +, -, @, tab or CR is written with a leading ' so no spreadsheet runs it as a formula.";

export const exportRoutes: RouteDocs = {
  "GET /api/conversations/{id}/export": {
    tag: "Export",
    summary: "Export a conversation: a printable HTML transcript, or JSON",
    description:
      "The whole thread, oldest first: every message with its sender, time, status (outbound), reply quote, reactions and attachments (links to our copies, made absolute with PUBLIC_URL or the request's origin), and between them internal notes (marked \"Internal note\"), activity, calls and line events. Times in `tz`. `format=json` answers `{ conversation, exportedAt, messages, events }` in the messages API's shapes.",
    auth: [...member],
    params: idPath,
    query: conversationExportQuery,
    responses: {
      200: {
        description: "The transcript (a standalone HTML document, no script), or the JSON export",
        contentType: "text/html; charset=utf-8",
        alternatives: [{ contentType: "application/json", schema: conversationExport }],
        headers: download,
      },
    },
    errors: [404],
  },
  "GET /api/search/export": {
    tag: "Export",
    summary: "Export search results as CSV",
    description: `Every message GET /api/search finds for the same \`q\` and filters, newest first (all pages): time (in \`tz\`), conversation, contact number, line, direction, sender, service, status, whole text, attachment links and a link to the message in the inbox. ${csv}`,
    auth: [...member],
    query: searchExportQuery,
    responses: {
      200: { description: "CSV, one row per message", contentType: "text/csv; charset=utf-8", headers: download },
    },
  },
  "GET /api/contacts/export": {
    tag: "Export",
    summary: "Export contacts as CSV",
    description: `The contacts GET /api/contacts lists for the same \`q\` (all pages), newest first: name, company, number, tags, opted out, verified, group and conversation counts, last activity and when added (in \`tz\`), and a link to the latest thread. ${csv}`,
    auth: [...member],
    query: contactsExportQuery,
    responses: {
      200: { description: "CSV, one row per contact", contentType: "text/csv; charset=utf-8", headers: download },
    },
  },
};
