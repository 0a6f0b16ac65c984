import { getOrCreateSetupToken, hasAnyUser } from "@/lib/auth/setup-token";
import { db } from "@/lib/db/client";
import { log } from "@/lib/http/log";

/** While no account exists, print the one-time token that /setup asks for. */
export async function announceSetupToken(): Promise<void> {
  try {
    if (await hasAnyUser(db())) return;
    const token = await getOrCreateSetupToken(db());
    console.log(`[inbox] No accounts yet: open /setup and enter the setup token ${token} (or run npm run user:create)`);
  } catch (error) {
    // The database may not be reachable yet; webhooks answer 503 meanwhile.
    log("warn", "could not check for accounts at start", { error: (error as Error).message });
  }
}
