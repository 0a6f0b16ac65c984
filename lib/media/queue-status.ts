import type { Db } from "@/lib/db/client";

// The mirror queue at a glance, for the Lines / Webhook log pages.

export async function mediaQueueStatus(db: Db, options: { recent?: number } = {}) {
  const [groups, oldestPending, recentFailures] = await Promise.all([
    db.mediaAttachment.groupBy({ by: ["mirrorState"], _count: { _all: true } }),
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
  const counts = { pending: 0, copying: 0, kept: 0, failed: 0, expired: 0 };
  for (const g of groups) counts[g.mirrorState] = g._count._all;
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
