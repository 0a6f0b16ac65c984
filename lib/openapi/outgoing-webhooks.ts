import type { z } from "zod";
import { EVENT_BODIES, EVENT_TYPES } from "@/lib/outgoing/event-types";

// The document's `webhooks` (OpenAPI 3.1): what the inbox POSTs to an owner's endpoint, one
// entry per event type, with the Standard Webhooks signature headers.

const SIGNATURE_HEADERS = [
  { name: "webhook-id", description: "evt_<id>: the same on every retry and resend; drop repeats by it" },
  { name: "webhook-timestamp", description: "Unix seconds of this attempt" },
  {
    name: "webhook-signature",
    description:
      'v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>"> with the endpoint\'s whsec_ secret (Standard Webhooks)',
  },
];

export function outgoingWebhooks(jsonSchema: (schema: z.ZodType, io: "input" | "output") => Record<string, unknown>) {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          tags: ["Outgoing webhooks"],
          summary: type,
          description:
            "Delivered at least once, in order per conversation, retried with backoff for about a day. Answer 2xx within 10 s; anything else is retried.",
          parameters: SIGNATURE_HEADERS.map((h) => ({
            in: "header",
            required: true,
            schema: { type: "string" },
            ...h,
          })),
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(EVENT_BODIES[type], "output") } },
          },
          responses: { "200": { description: "Received (any 2xx)" } },
        },
      },
    ]),
  );
}
