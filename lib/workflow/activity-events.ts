import type { Db } from "@/lib/db/client";
import type { TimeWindow } from "@/lib/read/list-thread-events";

// The activity trail as thread timeline entries (small centred lines with who and when),
// within a page's time window like calls and line events.

export async function activityThreadEvents(db: Db, conversationId: number, window: TimeWindow) {
  const rows = await db.conversationActivity.findMany({
    where: {
      conversationId,
      // A note is drawn as its own card (lib/notes); its trail row would say it twice.
      kind: { not: "note" },
      createdAt: { ...(window.from ? { gte: window.from } : {}), ...(window.to ? { lte: window.to } : {}) },
    },
    orderBy: { id: "asc" },
    take: 500,
  });
  return rows.map((r) => ({
    type: "activity" as const,
    id: `activity-${r.id}`,
    at: r.createdAt.toISOString(),
    kind: r.kind,
    actorName: r.actorName,
    data: r.data as Record<string, unknown>,
  }));
}
