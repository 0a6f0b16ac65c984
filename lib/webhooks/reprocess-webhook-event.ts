import { ApiError } from "@/lib/http/api-error";
import { processWebhook, type IngestDeps } from "./process-webhook";
import { parseWebhookType } from "./webhook-types";

/** Runs a stored body through ingestion again (after a fix); effects stay idempotent. */
export async function reprocessWebhookEvent(deps: IngestDeps, id: number) {
  const event = await deps.db.webhookEvent.findUnique({
    where: { id },
    select: { type: true, body: true, receivedAt: true, outcome: true },
  });
  if (!event) throw new ApiError(404, "not_found", `No webhook event ${id}`);
  // A sampled refusal's body came from whoever sent it, without the secret: never ingest it.
  if (event.outcome === "unauthorized")
    throw new ApiError(
      409,
      "not_reprocessable",
      "This request was refused for a wrong or missing secret; its body is not trusted",
    );
  const type = parseWebhookType(event.type);
  if (!type || !event.body) throw new ApiError(409, "not_reprocessable", "This event has no body or no known type");
  return processWebhook(deps, { type, body: Buffer.from(event.body), receivedAt: event.receivedAt }, { eventId: id });
}
