import { createHmac } from "node:crypto";

// The `?token=` a per-message status_callback URL carries. It is not the webhook secret but
// an HMAC of it over a fixed label: the URL travels through Sendblue and may land in proxy
// or analytics logs, and whoever reads it there can forge status callbacks and nothing else
// (the master secret cannot be recovered from it, and no other webhook type accepts it).

const LABEL = "sendblue-inbox:status_callback:v1";

/** HMAC-SHA256(secret, label), base64url (43 characters, safe in a query string). */
export function statusCallbackToken(secret: string): string {
  return createHmac("sha256", secret).update(LABEL).digest("base64url");
}
