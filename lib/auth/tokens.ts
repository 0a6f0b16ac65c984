import { createHash, randomBytes } from "node:crypto";

/** A random secret for a cookie or API token, and the hash we store instead of it. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
