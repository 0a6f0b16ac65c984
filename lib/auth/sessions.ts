import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { notifyInbox } from "@/lib/realtime/notify";
import { hashSecret, newSecret } from "./secrets";

// Server-side sessions: revocable, with an idle expiry that slides while in use and an
// absolute expiry that does not.

const DAY_MS = 24 * 3600 * 1000;
const idleMs = () => env().SESSION_IDLE_DAYS * DAY_MS;
const maxMs = () => env().SESSION_MAX_DAYS * DAY_MS;
const TOUCH_EVERY_MS = 60 * 1000;

export async function createSession(
  db: Db,
  userId: number,
  meta: { userAgent?: string | null; ip?: string | null } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret("ses");
  const now = Date.now();
  const expiresAt = new Date(now + maxMs());
  await db.session.create({
    data: {
      id: hashSecret(token),
      userId,
      idleExpiresAt: new Date(now + idleMs()),
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
    },
  });
  return { token, expiresAt };
}

export type SessionUser = { id: number; email: string; name: string | null; role: "owner" | "member" };

export async function resolveSession(db: Db, token: string | null | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const id = hashSecret(token);
  const now = new Date();
  const session = await db.session.findFirst({
    where: { id, revokedAt: null, expiresAt: { gt: now }, idleExpiresAt: { gt: now }, user: { disabledAt: null } },
    select: { lastSeenAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // Guarded so concurrent requests slide the idle expiry once, not once each.
    await db.session.updateMany({
      where: { id, lastSeenAt: session.lastSeenAt },
      data: { lastSeenAt: now, idleExpiresAt: new Date(now.getTime() + idleMs()) },
    });
  }
  return session.user;
}

/** Whether a session is still good, without sliding its idle expiry (for long-lived streams). */
export async function sessionIsLive(db: Db, token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const now = new Date();
  const row = await db.session.findFirst({
    where: {
      id: hashSecret(token),
      revokedAt: null,
      expiresAt: { gt: now },
      idleExpiresAt: { gt: now },
      user: { disabledAt: null },
    },
    select: { userId: true },
  });
  return row !== null;
}

/** Signs one device out; its open event streams hear about it at once (sse-stream.ts). */
export async function revokeSession(db: Db, token: string): Promise<void> {
  const [row] = await db.session.updateManyAndReturn({
    where: { id: hashSecret(token), revokedAt: null },
    data: { revokedAt: new Date() },
    select: { userId: true },
  });
  if (row) await notifyInbox(db, { type: "access", userId: row.userId });
}

/** Every session of a member but the one kept; revokeAccess (revoke-access.ts) also ends API tokens. */
export async function revokeAllSessions(db: Db, userId: number, exceptToken?: string): Promise<number> {
  const result = await db.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptToken ? { id: { not: hashSecret(exceptToken) } } : {}) },
    data: { revokedAt: new Date() },
  });
  return result.count;
}
