import { z } from "zod";
import {
  callLogPayloadSchema,
  contactPayloadSchema,
  linePayloadSchema,
  messagePayloadSchema,
  typingPayloadSchema,
} from "@/lib/webhooks/payload-schemas";
import { webhookAck } from "@/lib/webhooks/webhook-ack";
import { WEBHOOK_TYPES, type WebhookType } from "@/lib/webhooks/webhook-types";
import type { Operation, RouteDocs } from "../operation";

// The URLs Sendblue posts to (one static route per type, plus /api/webhooks/{type} for the
// hyphenated spellings), authenticated by the shared webhook secret in `sb-signing-secret`.

const PAYLOADS: Record<WebhookType, z.ZodType> = {
  receive: messagePayloadSchema,
  outbound: messagePayloadSchema,
  status: messagePayloadSchema,
  typing_indicator: typingPayloadSchema,
  call_log: callLogPayloadSchema,
  line_blocked: linePayloadSchema,
  line_assigned: linePayloadSchema,
  contact_created: contactPayloadSchema,
};

const operation = (body: z.ZodType, summary: string): Operation => ({
  tag: "Incoming webhooks",
  summary,
  auth: ["webhookSecret"],
  body,
  responses: { 200: { description: "Stored (or a duplicate, acknowledged)", schema: webhookAck } },
  errors: [404, 413, 422],
});

export const incomingWebhookRoutes: RouteDocs = {
  ...Object.fromEntries(
    WEBHOOK_TYPES.map((t) => [`POST /api/webhooks/${t}`, operation(PAYLOADS[t], `Sendblue ${t} webhook`)]),
  ),
  "POST /api/webhooks/{type}": {
    ...operation(z.looseObject({}), "Any Sendblue webhook type, also as typing-indicator, line-blocked, …"),
    params: z.object({ type: z.string() }),
  },
};
