import { z } from "zod";
import { nextCursor } from "@/lib/read/response-schemas";
import { EVENT_TYPES, SLACK_EVENT_TYPES } from "./event-types";

// Request and answer shapes of the integrations endpoints (Settings → Integrations).

export const createEndpointBody = z
  .object({
    kind: z.enum(["webhook", "slack"]).default("webhook"),
    url: z.url({ protocol: /^https?$/, error: "url must be an https URL" }).max(2000),
    events: z.array(z.enum(EVENT_TYPES)).min(1, "events: choose at least one").max(EVENT_TYPES.length),
    /** Only this line's events (its number); absent or null: every line. */
    line: z
      .string()
      .regex(/^\+?\d{7,15}$/, "line must be one of your Sendblue numbers")
      .nullish(),
  })
  .refine((b) => b.kind !== "slack" || b.events.every((e) => (SLACK_EVENT_TYPES as readonly string[]).includes(e)), {
    path: ["events"],
    message: `events: Slack takes ${SLACK_EVENT_TYPES.join(" and ")}`,
  });

export const updateEndpointBody = z.object({ enabled: z.boolean() });

export const listDeliveriesQuery = z.object({
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const iso = z.string();

export const endpointView = z.object({
  id: z.number().int(),
  kind: z.enum(["webhook", "slack"]),
  url: z.string(),
  events: z.array(z.string()),
  line: z.string().nullable(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  failingSince: iso.nullable(),
  createdAt: iso,
  pending: z.number().int().describe("Deliveries waiting (or between retries)"),
  failed: z.number().int().describe("Deliveries that gave up after a day"),
});

export const endpointList = z.object({ endpoints: z.array(endpointView) });
export const endpointCreated = z.object({
  endpoint: endpointView,
  secret: z.string().nullable().describe("whsec_…: shown only in this answer (webhooks; null for Slack)"),
});
export const endpointUpdated = z.object({ endpoint: endpointView });

export const deliveryView = z.object({
  id: z.string().describe("Also the webhook-id header, as evt_<id>"),
  eventType: z.string(),
  conversationId: z.number().int().nullable(),
  state: z.enum(["pending", "delivering", "delivered", "failed"]),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable().describe("The endpoint's last HTTP status"),
  lastError: z.string().nullable(),
  createdAt: iso,
  deliveredAt: iso.nullable(),
  nextAttemptAt: iso,
});

export const deliveryList = z.object({ deliveries: z.array(deliveryView), nextCursor });
export const resendResult = z.object({ ok: z.literal(true), state: z.literal("pending") });
export const drainResult = z.object({
  claimed: z.number().int(),
  delivered: z.number().int(),
  push: z
    .object({ claimed: z.number().int(), sent: z.number().int() })
    .describe("Web Push notices: queued pushes taken, pushes the push services accepted"),
});
