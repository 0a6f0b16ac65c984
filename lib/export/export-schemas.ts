import { z } from "zod";
import { listContactsQuery } from "@/lib/read/api-schemas";
import { conversationView, messageView } from "@/lib/read/response-schemas";
import { searchQueryFields, searchWindow } from "@/lib/search/search-schemas";
import { timeZoneParam } from "./zone-format";

// Query strings of the export routes, and the JSON a conversation export answers; shared by
// the routes, the OpenAPI document and the tests.

export const conversationExportQuery = z.object({
  format: z
    .preprocess((v) => (v === "" ? undefined : v), z.enum(["html", "json"]).default("html"))
    .describe("html (a printable transcript, the default) or json"),
  tz: timeZoneParam,
});

/** GET /api/search's filters; every page is written, so no cursor or limit. */
export const searchExportQuery = searchQueryFields
  .omit({ cursor: true, limit: true })
  .extend({ tz: timeZoneParam })
  .transform(searchWindow);

/** The Contacts page's search; every page is written. */
export const contactsExportQuery = listContactsQuery.pick({ q: true }).extend({ tz: timeZoneParam });

export const conversationExport = z.object({
  conversation: conversationView,
  exportedAt: z.string().describe("ISO 8601 time"),
  messages: z
    .array(messageView)
    .describe("Every message, oldest first, as GET /api/conversations/{id}/messages answers them"),
  events: z
    .array(z.looseObject({ type: z.string(), id: z.string(), at: z.string() }))
    .describe("Calls, line events, internal notes and activity, oldest first, as in a messages page's `events`"),
});
