import type { Db } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";
import { revokeAllApiTokens } from "./api-tokens";
import { revokeAllSessions } from "./sessions";

export type Revoked = { sessions: number; apiTokens: number };

/**
 * Ends a member's access: every session (but the one they keep, when changing their own
 * password) and every personal API token. What "sign out everywhere", a password change,
 * an owner's reset and disabling a member do; the counts are shown to whoever asked.
 * Open event streams of that member hear about it at once (sse-stream.ts re-checks).
 */
export async function revokeAccess(
  db: Db,
  userId: number,
  options: { keepSessionToken?: string } = {},
): Promise<Revoked> {
  const sessions = await revokeAllSessions(db, userId, options.keepSessionToken);
  const apiTokens = await revokeAllApiTokens(db, userId);
  await announceAccessChange(db, userId);
  return { sessions, apiTokens };
}

/** Tells open event streams that this member's sessions or tokens changed. */
export async function announceAccessChange(db: Db, userId: number): Promise<void> {
  await notifyInbox(db, { type: "access", userId });
}
