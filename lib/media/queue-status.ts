import type { Db } from "@/lib/db/client";
import type { MirrorState } from "@/lib/generated/prisma/client";
import { counterKeys, readCounters } from "@/lib/read/counters";

// The mirror queue at a glance, for the Lines / Webhook log pages.

const STATES = ["pending", "copying", "kept", "failed", "expired"] as const satisfies readonly MirrorState[];

const failureSelect = {
  id: true,
  mirrorState: true,
  sourceUrl: true,
  kind: true,
  fileName: true,
  attempts: true,
  lastError: true,
  updatedAt: true,
  message: { select: { handle: true, conversationId: true } },
} as const;

export async function mediaQueueStatus(db: Db, options: { recent?: number } = {}) {
  const recent = options.recent ?? 20;
  const [totals, oldestPending, recentFailures] = await Promise.all([
    // Kept by triggers: a groupBy counted every attachment ever received on each load.
    readCounters(db, STATES.map(counterKeys.media)),
    // Per state, so each is one walk of its (state, time) index; an IN list would read every
    // row of both states to sort them.
    Promise.all(
      (["pending", "copying"] as const).map((mirrorState) =>
        db.mediaAttachment.findFirst({
          where: { mirrorState },
          orderBy: { createdAt: "asc" },
          select: { createdAt: true },
        }),
      ),
    ).then((rows) => rows.flatMap((r) => (r ? [r.createdAt] : [])).sort((a, b) => a.getTime() - b.getTime())[0]),
    Promise.all(
      (recent === 0 ? [] : (["failed", "expired"] as const)).map((mirrorState) =>
        db.mediaAttachment.findMany({
          where: { mirrorState },
          orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
          take: recent,
          select: failureSelect,
        }),
      ),
    ).then((lists) =>
      lists
        .flat()
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id)
        .slice(0, recent),
    ),
  ]);
  const counts = Object.fromEntries(STATES.map((s) => [s, totals.get(counterKeys.media(s))!])) as Record<
    MirrorState,
    number
  >;
  return {
    counts,
    oldestPendingAt: oldestPending?.toISOString() ?? null,
    recentFailures: recentFailures.map((f) => ({
      id: f.id,
      state: f.mirrorState,
      kind: f.kind,
      fileName: f.fileName,
      sourceUrl: f.sourceUrl,
      attempts: f.attempts,
      error: f.lastError,
      updatedAt: f.updatedAt.toISOString(),
      messageHandle: f.message.handle,
      conversationId: f.message.conversationId,
    })),
  };
}

export type MediaQueueStatus = Awaited<ReturnType<typeof mediaQueueStatus>>;
