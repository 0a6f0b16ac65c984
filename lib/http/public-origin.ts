import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The origin Sendblue should post to, for setup hints: PUBLIC_URL when set, else what the
 * viewer's browser used to reach us (right for local use and most single-host deployments).
 */
export async function publicOrigin(): Promise<string> {
  return originOf(await headers());
}

/**
 * The same for a route handler, from its request (absolute links in exports). A request
 * with no Host header (an in-process call) falls back to its URL's origin.
 */
export function originOf(h: Headers, requestUrl?: string, configured = env().PUBLIC_URL): string {
  if (configured) return configured.replace(/\/+$/, "");
  const fallback = requestUrl ? new URL(requestUrl) : null;
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() ?? h.get("host") ?? fallback?.host ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? fallback?.protocol.replace(":", "") ?? "http";
  return `${proto}://${host}`;
}
