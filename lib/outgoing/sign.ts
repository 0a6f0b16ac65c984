import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Standard Webhooks signatures (https://www.standardwebhooks.com): the secret is
// "whsec_" + base64 key bytes; the signature is "v1," + base64(HMAC-SHA256(key,
// "<webhook-id>.<webhook-timestamp>.<body>")). Receivers verify with any Standard Webhooks
// library (Svix's included).

const PREFIX = "whsec_";

export function generateSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64")}`;
}

export function signedHeaders(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": sign(secret, id, timestampSeconds, body),
  };
}

/** For tests and receivers written against this module: any v1 signature in the header matches. */
export function verify(
  secret: string,
  headers: Headers,
  body: string,
  toleranceSeconds = 300,
  nowMs = Date.now(),
): boolean {
  const id = headers.get("webhook-id");
  const ts = Number(headers.get("webhook-timestamp"));
  const given = headers.get("webhook-signature");
  if (!id || !Number.isInteger(ts) || !given) return false;
  if (Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, id, ts, body));
  return given.split(" ").some((s) => {
    const b = Buffer.from(s);
    return b.length === expected.length && timingSafeEqual(b, expected);
  });
}
