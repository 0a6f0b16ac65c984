import type { Db } from "@/lib/db/client";
import type { MirrorState } from "@/lib/generated/prisma/client";
import { counterKeys, readCounters } from "@/lib/read/counters";

// The mirror queue at a glance, for the Lines / Webhook log pages.

const STATES = ["pending", "copying", "kept", "failed", "expired"] as const satisfies readonly MirrorState[];

export async function mediaQueueStatus(db: Db, options: { recent?: number } = {}) {
  const [totals, oldestPending, recentFailures] = await Promise.all([
    // Kept by triggers: a groupBy counted every attachment ever received on each load.
    readCounters(db, STATES.map(counterKeys.media)),
    db.mediaAttachment.findFirst({
      where: { mirrorState: { in: ["pending", "copying"] } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.mediaAttachment.findMany({
      where: { mirrorState: { in: ["failed", "expired"] } },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: options.recent ?? 20,
      select: {
        id: true,
        mirrorState: true,
        sourceUrl: true,
        kind: true,
        fileName: true,
        attempts: true,
        lastError: true,
        updatedAt: true,
        message: { select: { handle: true, conversationId: true } },
      },
    }),
  ]);
  const counts = Object.fromEntries(STATES.map((s) => [s, totals.get(counterKeys.media(s))!])) as Record<
    MirrorState,
    number
  >;
  return {
    counts,
    oldestPendingAt: oldestPending?.createdAt.toISOString() ?? null,
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
