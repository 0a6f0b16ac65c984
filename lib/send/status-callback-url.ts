import { env } from "@/lib/env";

/** Where Sendblue should post this send's statuses: our status webhook, with its token. */
export function statusCallbackUrl(request: Request): string {
  const { PUBLIC_URL, SENDBLUE_WEBHOOK_SECRET } = env();
  const url = new URL("/api/webhooks/status", PUBLIC_URL ?? new URL(request.url).origin);
  if (SENDBLUE_WEBHOOK_SECRET) url.searchParams.set("token", SENDBLUE_WEBHOOK_SECRET);
  return url.toString();
}
