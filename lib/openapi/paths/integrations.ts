import { z } from "zod";
import { idPath, okBody } from "@/lib/http/common-schemas";
import {
  createEndpointBody,
  deliveryList,
  drainResult,
  endpointCreated,
  endpointList,
  endpointUpdated,
  listDeliveriesQuery,
  resendResult,
  updateEndpointBody,
} from "@/lib/outgoing/endpoint-schemas";
import { idParam } from "@/lib/read/api-schemas";
import type { RouteDocs } from "../operation";

// Outgoing webhooks and Slack targets (Settings → Integrations). Owners only; changes need
// a signed-in session. The events themselves are under the document's `webhooks`.

export const integrationRoutes: RouteDocs = {
  "GET /api/integrations/endpoints": {
    tag: "Integrations",
    summary: "Outgoing webhook and Slack endpoints with their health (owners)",
    auth: ["session", "bearer"],
    responses: { 200: { description: "Endpoints", schema: endpointList } },
    errors: [403],
  },
  "POST /api/integrations/endpoints": {
    tag: "Integrations",
    summary: "Add an endpoint; a webhook's signing secret is in this answer only (owners, signed in)",
    auth: ["session"],
    body: createEndpointBody,
    responses: { 201: { description: "Created", schema: endpointCreated } },
    errors: [403],
  },
  "PATCH /api/integrations/endpoints/{id}": {
    tag: "Integrations",
    summary: "Enable or disable an endpoint (owners, signed in)",
    auth: ["session"],
    params: idPath,
    body: updateEndpointBody,
    responses: { 200: { description: "Updated", schema: endpointUpdated } },
    errors: [403, 404],
  },
  "DELETE /api/integrations/endpoints/{id}": {
    tag: "Integrations",
    summary: "Remove an endpoint and its delivery log (owners, signed in)",
    auth: ["session"],
    params: idPath,
    responses: { 200: { description: "Removed", schema: okBody } },
    errors: [403, 404],
  },
  "GET /api/integrations/endpoints/{id}/deliveries": {
    tag: "Integrations",
    summary: "An endpoint's delivery log, newest first, with response codes (owners)",
    auth: ["session", "bearer"],
    params: idPath,
    query: listDeliveriesQuery,
    paginated: true,
    responses: { 200: { description: "Deliveries", schema: deliveryList } },
    errors: [403, 404],
  },
  "POST /api/integrations/endpoints/{id}/deliveries/{deliveryId}/resend": {
    tag: "Integrations",
    summary: "Send a delivered or failed event again, with the same webhook-id (owners, signed in)",
    auth: ["session"],
    params: z.object({ id: idParam, deliveryId: idParam }),
    responses: { 200: { description: "Queued", schema: resendResult } },
    errors: [403, 409],
  },
  "GET /api/integrations/sweep": {
    tag: "Schedulers",
    summary:
      "Send due outgoing webhooks, Slack notices and Web Push notifications (cron, for hosts without the background worker)",
    auth: ["cronSecret"],
    responses: { 200: { description: "What was sent", schema: drainResult } },
  },
  "POST /api/integrations/sweep": {
    tag: "Schedulers",
    summary: "Send due outgoing webhooks, Slack notices and Web Push notifications (cron)",
    auth: ["cronSecret"],
    responses: { 200: { description: "What was sent", schema: drainResult } },
  },
};
