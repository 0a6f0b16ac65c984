import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeIdCursor, encodeCursor } from "@/lib/read/cursor";
import { notifyInbox } from "@/lib/realtime/notify";

// The one way to write a conversation's activity trail (conversation_activity, append-only:
// see its migration). Call it inside the transaction that makes the change, so the trail
// and the change commit together, and open pages hear of both through one NOTIFY.

/** Who did it: a member as they are now (their name is kept with the row), or the system. */
export type Actor = { id: number; name: string | null; email: string } | null;

/**
 * What happened. Each kind's data is its own shape; add a kind here, with the shape, before
 * writing it. Member and label names are copied in so the trail reads right after renames.
 */
export type ActivityEntry =
  | {
      kind: "state";
      data: { from: string; to: string; snoozedUntil?: string | null; reason?: "new_message" | "snooze_woke" };
    }
  | {
      kind: "assignment";
      data: { from: number | null; to: number | null; toName: string | null; reason?: "auto" | "member_disabled" };
    }
  | { kind: "label"; data: { action: "added" | "removed"; labelId: number; name: string } }
  | { kind: "note"; data: { noteId: number; mentions: number[] } }
  | { kind: "unread"; data: Record<string, never> };

export async function recordActivity(
  tx: Tx | Db,
  conversationId: number,
  actor: Actor,
  entry: ActivityEntry,
): Promise<bigint> {
  const row = await tx.conversationActivity.create({
    data: {
      conversationId,
      actorId: actor?.id ?? null,
      actorName: actor ? (actor.name ?? actor.email) : null,
      kind: entry.kind,
      data: entry.data as Prisma.InputJsonObject,
    },
    select: { id: true },
  });
  // Identical payloads in one transaction reach listeners once (NOTIFY folds them), so only a
  // note, which other members' @ badges need to hear about, adds anything to the payload.
  const mentions = entry.kind === "note" ? { mentions: entry.data.mentions } : {};
  await notifyInbox(tx as Tx, { type: "activity", conversationId, ...mentions });
  return row.id;
}

export type ActivityItem = {
  id: string;
  kind: string;
  actor: { id: number | null; name: string } | null;
  data: unknown;
  createdAt: string;
};

/** A conversation's trail, oldest first, keyset-paged on id (for the thread's timeline and the API). */
export async function listActivity(
  db: Db,
  conversationId: number,
  input: { cursor?: string | null; limit?: number } = {},
): Promise<{ activity: ActivityItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(input.limit ?? 100, 1), 500);
  const after = decodeIdCursor(input.cursor);
  const rows = await db.conversationActivity.findMany({
    where: { conversationId, ...(after !== null ? { id: { gt: BigInt(after) } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    activity: page.map((r) => ({
      id: String(r.id),
      kind: r.kind,
      actor: r.actorName === null ? null : { id: r.actorId, name: r.actorName },
      data: r.data,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? encodeCursor([Number(page.at(-1)!.id)]) : null,
  };
}
