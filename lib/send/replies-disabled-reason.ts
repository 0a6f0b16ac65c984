import { env } from "@/lib/env";
import { configuredSendblueClient } from "@/lib/sendblue/configured-client";
import { PUBLIC_URL_MISSING } from "./status-callback-url";

/** Why the composer is off (shown under it), or null when replies can be sent. */
export function repliesDisabledReason(): string | null {
  if (!configuredSendblueClient()) {
    return "Replies are off: set SENDBLUE_API_KEY_ID and SENDBLUE_API_SECRET on the server (or try npm run sendblue:fake).";
  }
  // The send API refuses too (statusCallbackUrl): without PUBLIC_URL there is no trusted
  // address for Sendblue's status callbacks.
  if (!env().PUBLIC_URL) return PUBLIC_URL_MISSING;
  return null;
}
