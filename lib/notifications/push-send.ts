import webpush from "web-push";
import { checkTarget, FetchRefused } from "@/lib/outgoing/target-guard";
import { postToTarget } from "@/lib/outgoing/post-target";
import type { NotificationContent } from "./notification-content";
import type { VapidConfig } from "./vapid";

// One Web Push (RFC 8030) to one browser: web-push encrypts the payload for the
// subscription's keys (RFC 8291, aes128gcm) and signs the VAPID header (RFC 8292); the POST
// itself goes through the outgoing webhooks' guarded sender, so a subscription endpoint is an
// https URL on a public address like any other target (a member chooses it, not the server).

export type PushTarget = { endpoint: string; p256dh: string; auth: string };

export type PushOutcome =
  | { ok: true; status: number }
  /** `gone`: the subscription is dead (404/410, or unusable); `retry`: worth another try later. */
  | { ok: false; status: number | null; error: string; gone: boolean; retry: boolean };

/** After an hour a message notice is old news: the push service may drop it. */
export const PUSH_TTL_SECONDS = 3600;

export async function sendPush(
  target: PushTarget,
  content: NotificationContent,
  vapid: VapidConfig,
): Promise<PushOutcome> {
  let request: webpush.RequestDetails;
  try {
    checkTarget(target.endpoint);
    request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(content),
      { vapidDetails: vapid, TTL: PUSH_TTL_SECONDS, urgency: "high", contentEncoding: "aes128gcm" },
    );
  } catch (error) {
    // An endpoint the guard refuses, or keys no payload can be encrypted for: never usable.
    const reason =
      error instanceof FetchRefused
        ? `endpoint refused: ${error.message}`
        : `cannot encrypt for it: ${(error as Error).message}`;
    return { ok: false, status: null, error: reason, gone: true, retry: false };
  }
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const result = await postToTarget(request.endpoint, request.body ?? Buffer.alloc(0), {
    "user-agent": "sendblue-inbox-push",
    ...headers,
  });
  if (result.ok) return { ok: true, status: result.status! };
  const status = result.status;
  return {
    ok: false,
    status,
    error: result.error ?? "failed",
    // The push service forgot the subscription (unsubscribed, expired, app uninstalled).
    gone: status === 404 || status === 410,
    // Unreachable, overloaded or rate-limited: try again. A 4xx says this push is wrong as sent.
    retry: status === null || status === 429 || status >= 500,
  };
}
