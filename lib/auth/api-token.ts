import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time comparison that leaks neither content nor length of the secret. */
export function secretsMatch(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  // Hashing first gives equal-length inputs, so timingSafeEqual never throws or short-cuts.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match ? match[1]!.trim() : null;
}
