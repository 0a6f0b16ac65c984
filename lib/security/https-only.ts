import { env, type Env } from "@/lib/env";

// Whether this inbox is served only over https, decided from configuration (NODE_ENV and
// PUBLIC_URL), never from a request header a client or a misconfigured proxy could set.
// When it is, the session cookie is `__Host-` prefixed and Secure, and every page and API
// answer carries HSTS. Plain http://localhost (development, tests, a LAN box with no TLS)
// keeps the unprefixed cookie, which browsers would refuse to set otherwise.

export function httpsOnly(config: Pick<Env, "NODE_ENV" | "PUBLIC_URL"> = env()): boolean {
  return config.NODE_ENV === "production" && new URL(config.PUBLIC_URL ?? "http://localhost").protocol === "https:";
}

// One year, this host only: includeSubDomains could break other sites on the operator's
// domain, and preload is a decision for them, not us.
export const HSTS_VALUE = "max-age=31536000";

/** Adds Strict-Transport-Security to a response when the inbox is https-only. */
export function addHsts(headers: Headers, config?: Pick<Env, "NODE_ENV" | "PUBLIC_URL">): void {
  if (httpsOnly(config)) headers.set("strict-transport-security", HSTS_VALUE);
}
