import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";

/**
 * Where Sendblue should post this send's statuses: our status webhook, with its derived token.
 * Only PUBLIC_URL says where that is. The request's Host / X-Forwarded-Host name whatever the
 * client likes, and the token would travel to that host with every send.
 */
export function statusCallbackUrl(): string {
  const { PUBLIC_URL, SENDBLUE_WEBHOOK_SECRET } = env();
  if (!PUBLIC_URL) throw new ApiError(503, "public_url_not_configured", PUBLIC_URL_MISSING);
  const url = new URL("/api/webhooks/status", PUBLIC_URL);
  if (SENDBLUE_WEBHOOK_SECRET) url.searchParams.set("token", statusCallbackToken(SENDBLUE_WEBHOOK_SECRET));
  return url.toString();
}

export const PUBLIC_URL_MISSING =
  "Replies are off: set PUBLIC_URL on the server to the address Sendblue reaches this inbox at (e.g. https://inbox.example.com; http://localhost:3000 with npm run sendblue:fake), so delivery statuses come back here.";
