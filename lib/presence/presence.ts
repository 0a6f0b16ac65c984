import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { notifyInbox } from "@/lib/realtime/notify";

// Collision: which other members have a conversation open, and who is writing a reply or a
// note in it. Heartbeats keep a row alive for PRESENCE_TTL_MS; only a change of state (came,
// started or stopped writing, left) is announced, so a steady heartbeat costs no NOTIFY.
// Expired rows are ignored when read and swept by later heartbeats.

export const PRESENCE_TTL_MS = 30_000;
export type PresenceState = "viewing" | "replying" | "left";
export type PresenceView = { userId: number; name: string; state: "viewing" | "replying"; expiresAt: string };

export async function heartbeat(
  db: Db,
  user: SessionUser,
  conversationId: number,
  state: PresenceState,
): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const exists = await tx.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
    if (!exists) throw new ApiError(404, "not_found", `No conversation ${conversationId}`);
    await tx.$executeRaw`DELETE FROM conversation_presence WHERE expires_at < now() - interval '1 minute'`;
    let changed: boolean;
    if (state === "left") {
      changed =
        (await tx.$executeRaw`DELETE FROM conversation_presence WHERE conversation_id = ${conversationId} AND user_id = ${user.id}`) >
        0;
    } else {
      // The row as it was before (if live) tells whether anything others see has changed.
      const [row] = await tx.$queryRaw<{ was: string | null }[]>`
        WITH before AS (
          SELECT state FROM conversation_presence
          WHERE conversation_id = ${conversationId} AND user_id = ${user.id} AND expires_at > now()
        )
        INSERT INTO conversation_presence (conversation_id, user_id, user_name, state, expires_at)
        VALUES (${conversationId}, ${user.id}, ${user.name ?? user.email}, ${state}, now() + ${`${PRESENCE_TTL_MS} milliseconds`}::interval)
        ON CONFLICT (conversation_id, user_id) DO UPDATE SET state = EXCLUDED.state, user_name = EXCLUDED.user_name, expires_at = EXCLUDED.expires_at
        RETURNING (SELECT state FROM before) AS was`;
      changed = row?.was !== state;
    }
    if (changed) await notifyInbox(tx, { type: "presence", conversationId });
    return { changed };
  });
}

/** A disabled member leaves every conversation they had open; each one is announced. */
export async function endPresence(db: Db, userId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const left = await tx.$queryRaw<{ conversation_id: number }[]>`
      DELETE FROM conversation_presence WHERE user_id = ${userId} RETURNING conversation_id`;
    for (const { conversation_id } of left)
      await notifyInbox(tx, { type: "presence", conversationId: conversation_id });
  });
}

/** The members present in a conversation now (enabled ones), except `exceptUserId` (the one asking). */
export async function listPresence(
  db: Db,
  conversationId: number,
  exceptUserId: number | null,
): Promise<PresenceView[]> {
  const rows = await db.conversationPresence.findMany({
    where: {
      conversationId,
      expiresAt: { gt: new Date() },
      user: { disabledAt: null },
      ...(exceptUserId !== null ? { userId: { not: exceptUserId } } : {}),
    },
    orderBy: { userName: "asc" },
  });
  return rows.map((r) => ({
    userId: r.userId,
    name: r.userName,
    state: r.state === "replying" ? "replying" : "viewing",
    expiresAt: r.expiresAt.toISOString(),
  }));
}
