import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The origin Sendblue should post to, for setup hints: PUBLIC_URL when set, else what the
 * viewer's browser used to reach us (right for local use and most single-host deployments).
 */
export async function publicOrigin(): Promise<string> {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}
