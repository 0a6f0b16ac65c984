import type { Db } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";
import type { SessionUser } from "./sessions";
import { hashSecret, newSecret } from "./secrets";

// Personal API tokens for the read API: shown once, stored as a hash, revocable, with the
// time they were last used.

const LAST_USED_PRECISION_MS = 60 * 1000;

export async function createApiToken(db: Db, userId: number, name: string) {
  const token = newSecret("sbi");
  const row = await db.apiToken.create({
    data: {
      userId,
      name: name.trim().slice(0, 100) || "API token",
      tokenHash: hashSecret(token),
      prefix: token.slice(0, 10),
    },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { token, ...row };
}

export async function resolveApiToken(db: Db, token: string): Promise<SessionUser | null> {
  if (!token.startsWith("sbi_") || token.length > 200) return null;
  const tokenHash = hashSecret(token);
  const row = await db.apiToken.findFirst({
    where: { tokenHash, revokedAt: null, user: { disabledAt: null } },
    select: { id: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now }, select: { id: true } });
  }
  return row.user;
}

/** Whether a token is still good, without recording a use (for long-lived streams). */
export async function apiTokenIsLive(db: Db, token: string): Promise<boolean> {
  if (!token.startsWith("sbi_") || token.length > 200) return false;
  const row = await db.apiToken.findFirst({
    where: { tokenHash: hashSecret(token), revokedAt: null, user: { disabledAt: null } },
    select: { id: true },
  });
  return row !== null;
}

export async function listApiTokens(db: Db, userId: number) {
  return db.apiToken.findMany({
    where: { userId, revokedAt: null },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
    orderBy: { id: "desc" },
  });
}

/** Revokes one token; event streams opened with it hear about it at once (sse-stream.ts). */
export async function revokeApiToken(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db.apiToken.updateMany({
    where: { id, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count > 0) await notifyInbox(db, { type: "access", userId });
  return result.count > 0;
}

/** Every live token of a member: part of signing them out everywhere. */
export async function revokeAllApiTokens(db: Db, userId: number): Promise<number> {
  const result = await db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count;
}
