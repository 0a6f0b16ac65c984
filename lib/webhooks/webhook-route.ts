import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { kickMediaMirror } from "@/lib/media/kick";
import { observeWebhook } from "@/lib/metrics/registry";
import { handleWebhookRequest } from "./handle-webhook-request";
import { parseWebhookType } from "./webhook-types";

// The POST handler for webhook URLs. Each type has a static route (app/api/webhooks/receive/
// …) because Next.js spends ~0.4 ms more per request matching a dynamic [type] segment, a
// third of a webhook's cost at load; app/api/webhooks/[type] still answers the hyphenated
// spellings and unknown types. Authenticity is the webhook secret, checked inside.
export function webhookRoute(fixedType?: string) {
  return apiRoute<{ type?: string }>({ auth: "none" }, async ({ request, params, requestId }) => {
    const started = performance.now();
    const segment = fixedType ?? params.type ?? "";
    // Unknown types share one label: a label per stranger's URL would grow without bound.
    const type = parseWebhookType(segment) ?? "unknown";
    const seconds = () => (performance.now() - started) / 1000;
    let reply;
    try {
      reply = await handleWebhookRequest({ db: db(), sql: pgPool() }, request, segment, requestId);
    } catch (error) {
      observeWebhook(type, "error", seconds()); // answered 503 (database down) or 500 by apiRoute
      throw error;
    }
    const { response, outcome, hasMedia } = reply;
    observeWebhook(type, outcome, seconds());
    // Media is copied after the acknowledgement, never inside it (and only when there is some:
    // waking the mirror for every webhook kept it polling the queue under load).
    if (hasMedia) kickMediaMirror();
    return response;
  });
}
