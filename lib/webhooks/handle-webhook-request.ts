import { jsonResponse } from "@/lib/http/json-response";
import { webhookAck } from "./webhook-ack";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/api-error";
import { log } from "@/lib/http/log";
import { clientIp } from "@/lib/http/client-ip";
import { readBodyPrefix, readCappedBody } from "@/lib/http/read-capped-body";
import { processWebhook, type IngestDeps } from "./process-webhook";
import { recordRefusal, REFUSAL_SAMPLE_BYTES } from "./record-refusal";
import { verifyWebhookAuth } from "./verify-webhook-auth";
import { insertWebhookEvent, selectHeaders, type RawRequest } from "./webhook-log";
import { parseWebhookType } from "./webhook-types";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;
/** body_size is a 32-bit column; a Content-Length is whatever the sender wrote. */
const MAX_INT32 = 2_147_483_647;

// HTTP side of a webhook: size cap, authenticity, then processWebhook, which stores the
// raw body in the same transaction as its effects. 2xx only after that commit; if the
// database is unreachable the error propagates and the route wrapper answers 503.

/** The reply, what became of the webhook (a metric label), and whether it stored media for the mirror to copy. */
export type WebhookReply = { response: Response; outcome: string; hasMedia: boolean };

export async function handleWebhookRequest(
  deps: IngestDeps,
  request: Request,
  segment: string,
  requestId: string,
): Promise<WebhookReply> {
  const { db } = deps;
  const receivedAt = new Date();
  const type = parseWebhookType(segment);
  const raw: RawRequest = {
    type: type ?? segment,
    requestId,
    receivedAt,
    headers: selectHeaders(request.headers),
    body: null,
    bodySize: 0,
  };

  const auth = verifyWebhookAuth(request, type, env());
  if (!auth.ok) {
    if (auth.status === 401) {
      // Counted always, kept as a log row (with its body's first bytes) only as a sample.
      const source = clientIp(request.headers) ?? "unknown";
      const sample = await readBodyPrefix(request, REFUSAL_SAMPLE_BYTES);
      const declared = Number(request.headers.get("content-length"));
      raw.bodySize =
        Number.isSafeInteger(declared) && declared > 0 && declared <= MAX_INT32 ? declared : sample.bytes.length;
      const { sampled } = await recordRefusal(deps.sql, { raw, source, error: auth.message, statusCode: 401, sample });
      if (sampled)
        log("warn", "webhook with a wrong or missing secret (sampled; more are only counted)", {
          requestId,
          type: raw.type,
          source,
        });
    }
    return reject(
      auth.status === 401 ? "unauthorized" : auth.code,
      errorResponse(auth.status, auth.code, auth.message),
    );
  }

  const body = await readCappedBody(request, MAX_WEBHOOK_BYTES);
  if (body.tooLarge) {
    raw.bodySize = Math.min(body.size, MAX_INT32);
    const message = `Body exceeds ${MAX_WEBHOOK_BYTES} bytes`;
    await db.$transaction((tx) =>
      insertWebhookEvent(tx, raw, { outcome: "too_large", statusCode: 413, error: message }),
    );
    return reject("too_large", errorResponse(413, "body_too_large", message));
  }
  raw.body = body.bytes;
  raw.bodySize = body.bytes.length;

  if (!type) {
    const message = `Unknown webhook type "${segment.slice(0, 64)}"`;
    await db.$transaction((tx) => insertWebhookEvent(tx, raw, { outcome: "invalid", statusCode: 404, error: message }));
    return reject("invalid", errorResponse(404, "unknown_webhook_type", message));
  }

  const outcome = await processWebhook(deps, { type, body: body.bytes, receivedAt }, { raw });
  if (outcome.statusCode >= 400) {
    return reject(
      outcome.outcome,
      errorResponse(outcome.statusCode, outcome.errorCode ?? "invalid", outcome.error ?? "Invalid webhook"),
    );
  }
  const response = jsonResponse(webhookAck, { ok: true, outcome: outcome.outcome, eventId: outcome.eventId });
  return { response, outcome: outcome.outcome, hasMedia: outcome.hasMedia };
}

function reject(outcome: string, response: Response): WebhookReply {
  return { response, outcome, hasMedia: false };
}
