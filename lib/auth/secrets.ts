import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Secrets we hand out (session cookies, API tokens) and secrets we are given (the inbox's
// bearer token, the webhook secret): how one is made, what is stored instead of it, how a
// given one is compared, and where a request carries it.

/** A random secret for a cookie or API token. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** What we store instead of a secret we handed out. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison that leaks neither content nor length of the secret. */
export function secretsMatch(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  // Hashing first gives equal-length inputs, so timingSafeEqual never throws or short-cuts.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match ? match[1]!.trim() : null;
}
