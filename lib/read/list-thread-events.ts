import type { Db } from "@/lib/db/client";
import { notesInWindow } from "@/lib/notes/list-notes";
import { activityThreadEvents } from "@/lib/workflow/activity-events";

// What a thread shows between its bubbles besides messages: calls logged with the contact,
// blocked/assigned events of the conversation's line, internal notes, and its activity trail
// (state, assignment, unread), within a page's time window.

export type TimeWindow = { from: Date | null; to: Date | null };

export async function listThreadEvents(db: Db, conversationId: number, lineId: number | null, window: TimeWindow) {
  const at = (field: "startedAt" | "occurredAt") => ({
    [field]: { ...(window.from ? { gte: window.from } : {}), ...(window.to ? { lte: window.to } : {}) },
  });
  const [calls, lineEvents, notes, activity] = await Promise.all([
    db.callLog.findMany({
      where: { conversationId, ...at("startedAt") },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      take: 500,
    }),
    lineId === null
      ? Promise.resolve([])
      : db.lineEvent.findMany({
          where: { lineId, ...at("occurredAt") },
          include: { line: { select: { number: true } } },
          orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
          take: 500,
        }),
    notesInWindow(db, conversationId, window),
    activityThreadEvents(db, conversationId, window),
  ]);
  const events = [
    ...calls.map((c) => ({
      type: "call" as const,
      id: `call-${c.id}`,
      at: c.startedAt.toISOString(),
      direction: c.direction,
      disposition: c.disposition,
      durationSeconds: c.durationSeconds,
      transcript: c.transcript,
    })),
    ...lineEvents.map((e) => ({
      type: "line" as const,
      id: `line-${e.id}`,
      at: e.occurredAt.toISOString(),
      kind: e.kind,
      lineNumber: e.line.number,
    })),
    ...notes,
    ...activity,
  ];
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export type ThreadEvent = Awaited<ReturnType<typeof listThreadEvents>>[number];
