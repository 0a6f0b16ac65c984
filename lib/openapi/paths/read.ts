import { z } from "zod";
import { contactNameBody, contactNamed } from "@/lib/contacts/name-contact";
import { handlePath, idPath } from "@/lib/http/common-schemas";
import { lineNameBody, lineNamed } from "@/lib/lines/name-line";
import {
  listContactsQuery,
  listConversationsQuery,
  listMessagesQuery,
  listWebhookEventsQuery,
  messageContextQuery,
} from "@/lib/read/api-schemas";
import {
  contactList,
  conversationList,
  conversationView,
  lineList,
  messageContext,
  messageDetail,
  messagePage,
  searchResults,
  webhookEventDetail,
  webhookEventList,
} from "@/lib/read/response-schemas";

import { searchQuerySchema } from "@/lib/search/search-schemas";
import type { RouteDocs } from "../operation";

const member = ["bearer", "session"] as const;

export const readRoutes: RouteDocs = {
  "GET /api/conversations": {
    tag: "Conversations",
    summary: "List conversations, newest activity first",
    auth: [...member],
    query: listConversationsQuery,
    paginated: true,
    responses: { 200: { description: "A page of conversations", schema: conversationList } },
  },
  "GET /api/conversations/{id}": {
    tag: "Conversations",
    summary: "One conversation",
    auth: [...member],
    params: idPath,
    responses: { 200: { description: "The conversation", schema: conversationView } },
    errors: [404],
  },
  "GET /api/conversations/{id}/messages": {
    tag: "Conversations",
    summary: "A page of a thread, oldest to newest",
    description:
      "Latest page by default; `before`/`after` take `nextCursor`/`newerCursor`; `around` a message handle jumps to it, `aroundNote` an internal note's id to the note.",
    auth: [...member],
    params: idPath,
    query: listMessagesQuery,
    paginated: true,
    responses: { 200: { description: "Messages and thread events", schema: messagePage } },
    errors: [404],
  },
  "GET /api/messages/{handle}": {
    tag: "Messages",
    summary: "One message with its status history",
    auth: [...member],
    params: handlePath,
    responses: { 200: { description: "The message", schema: messageDetail } },
    errors: [404],
  },
  "GET /api/messages/{handle}/context": {
    tag: "Messages",
    summary: "A message with its neighbours (search results jump here)",
    auth: [...member],
    params: handlePath,
    query: messageContextQuery,
    responses: { 200: { description: "The message and neighbours", schema: messageContext } },
    errors: [404],
  },
  "GET /api/contacts": {
    tag: "Contacts",
    summary: "List or search contacts",
    auth: [...member],
    query: listContactsQuery,
    paginated: true,
    responses: { 200: { description: "A page of contacts", schema: contactList } },
  },
  "PATCH /api/contacts/{number}": {
    tag: "Contacts",
    summary: 'Name a number (creates the contact if Sendblue never sent one); null or "" clears a field',
    auth: [...member],
    params: z.object({ number: z.string().describe("E.164, URL-encoded (%2B for +), e.g. %2B15551234567") }),
    body: contactNameBody,
    responses: { 200: { description: "The contact's names", schema: contactNamed } },
    errors: [403],
  },
  "GET /api/lines": {
    tag: "Lines",
    summary: "Sendblue numbers with state and traffic",
    auth: [...member],
    responses: { 200: { description: "Lines", schema: lineList } },
  },
  "PATCH /api/lines/{id}": {
    tag: "Lines",
    summary: 'Name a line ("Support"); null or "" clears it',
    auth: [...member],
    params: idPath,
    body: lineNameBody,
    responses: { 200: { description: "The line", schema: lineNamed } },
    errors: [403, 404],
  },
  "GET /api/search": {
    tag: "Search",
    summary: "Full-text search over messages",
    auth: [...member],
    query: searchQuerySchema,
    paginated: true,
    responses: { 200: { description: "Matches, newest first", schema: searchResults } },
  },
  "GET /api/webhook-events": {
    tag: "Webhook log",
    summary: "Raw incoming Sendblue webhooks, newest first",
    auth: [...member],
    query: listWebhookEventsQuery,
    paginated: true,
    responses: { 200: { description: "A page of webhook events", schema: webhookEventList } },
  },
  "GET /api/webhook-events/{id}": {
    tag: "Webhook log",
    summary: "One raw webhook with its whole body",
    auth: [...member],
    params: idPath,
    responses: { 200: { description: "The webhook event", schema: webhookEventDetail } },
    errors: [404],
  },
  "POST /api/webhook-events/{id}/reprocess": {
    tag: "Webhook log",
    summary: "Run a stored webhook through ingest again",
    auth: [...member],
    params: idPath,
    responses: { 200: { description: "The outcome", schema: z.looseObject({}) } },
    errors: [404],
  },
};
