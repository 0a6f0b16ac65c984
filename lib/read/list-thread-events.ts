import type { Db, Tx } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { parseJson, queryRows } from "@/lib/db/query-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NoteView } from "@/lib/notes/present-note";

// What a thread shows between its bubbles besides messages: calls logged with the contact,
// blocked/assigned events of the conversation's line, internal notes, and its activity trail
// (state, assignment, unread), within a page's time window. Read as one JSON value built by
// PostgreSQL (up to 500 of each kind), so the thread page (lib/read/thread-page.ts) reads
// them in its own statement; listThreadEvents reads them alone, for the export's windows.

export type TimeWindow = { from: Date | null; to: Date | null };

/**
 * The events of conversation `conversationId` (of line `lineId`) from `from` to `to`, both
 * inclusive and open when null: SQL expressions, so a statement can pass its own columns.
 */
export function threadEventsJson(
  conversationId: number,
  lineId: Prisma.Sql,
  from: Prisma.Sql,
  to: Prisma.Sql,
): Prisma.Sql {
  const within = (column: Prisma.Sql) =>
    Prisma.sql`${column} >= coalesce(${from}, '-infinity') AND ${column} <= coalesce(${to}, 'infinity')`;
  return Prisma.sql`json_build_object(
  'calls', (SELECT coalesce(json_agg(x ORDER BY x.at, x.id), '[]') FROM (
    SELECT c.id, c.started_at AS at, c.direction, c.disposition, c.duration_seconds AS "durationSeconds", c.transcript
    FROM call_logs c WHERE c.conversation_id = ${conversationId} AND ${within(Prisma.sql`c.started_at`)}
    ORDER BY c.started_at, c.id LIMIT 500) x),
  'lineEvents', (SELECT coalesce(json_agg(x ORDER BY x.at, x.id), '[]') FROM (
    SELECT e.id, e.occurred_at AS at, e.kind, l.number AS "lineNumber"
    FROM line_events e JOIN lines l ON l.id = e.line_id
    WHERE e.line_id = ${lineId} AND ${within(Prisma.sql`e.occurred_at`)}
    ORDER BY e.occurred_at, e.id LIMIT 500) x),
  'notes', (SELECT coalesce(json_agg(x ORDER BY x.at, x.id), '[]') FROM (
    SELECT n.id, n.conversation_id AS "conversationId", n.author_id AS "authorId", n.author_name AS "authorName",
      n.body, n.created_at AS at,
      coalesce((SELECT json_agg(nm.user_id ORDER BY nm.id) FROM note_mentions nm WHERE nm.note_id = n.id), '[]') AS mentions
    FROM conversation_notes n WHERE n.conversation_id = ${conversationId} AND ${within(Prisma.sql`n.created_at`)}
    ORDER BY n.created_at, n.id LIMIT 500) x),
  -- A note is drawn as its own card; its trail row would say it twice.
  'activity', (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
    SELECT a.id, a.created_at AS at, a.kind, a.actor_name AS "actorName", a.data
    FROM conversation_activity a
    WHERE a.conversation_id = ${conversationId} AND a.kind <> 'note' AND ${within(Prisma.sql`a.created_at`)}
    ORDER BY a.id LIMIT 500) x))`;
}

type EventsJson = {
  calls: {
    id: number;
    at: string;
    direction: string | null;
    disposition: string | null;
    durationSeconds: number | null;
    transcript: string | null;
  }[];
  lineEvents: { id: number; at: string; kind: string; lineNumber: string }[];
  notes: {
    id: number;
    conversationId: number;
    authorId: number | null;
    authorName: string;
    body: string;
    at: string;
    mentions: number[];
  }[];
  activity: { id: number; at: string; kind: string; actorName: string | null; data: Record<string, unknown> }[];
};

const iso = (at: string) => new Date(at).toISOString();

/** threadEventsJson's value as the thread's timeline entries, in time order. */
export function presentThreadEvents(json: EventsJson) {
  const events = [
    ...json.calls.map((c) => ({
      type: "call" as const,
      id: `call-${c.id}`,
      at: iso(c.at),
      direction: c.direction,
      disposition: c.disposition,
      durationSeconds: c.durationSeconds,
      transcript: c.transcript,
    })),
    ...json.lineEvents.map((e) => ({
      type: "line" as const,
      id: `line-${e.id}`,
      at: iso(e.at),
      kind: e.kind,
      lineNumber: e.lineNumber,
    })),
    ...json.notes.map((n) => {
      const note: NoteView = {
        id: n.id,
        conversationId: n.conversationId,
        author: { id: n.authorId, name: n.authorName },
        body: n.body,
        mentions: n.mentions,
        createdAt: iso(n.at),
      };
      return { type: "note" as const, id: `note-${n.id}`, at: note.createdAt, note };
    }),
    ...json.activity.map((r) => ({
      type: "activity" as const,
      id: `activity-${r.id}`,
      at: iso(r.at),
      kind: r.kind,
      actorName: r.actorName,
      data: r.data,
    })),
  ];
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export type EventsValue = EventsJson | string;

/** The events in `window`, in one statement (the export reads the whole timeline window by window). */
export async function listThreadEvents(
  db: Db | Tx | SqlRunner,
  conversationId: number,
  lineId: number | null,
  window: TimeWindow,
) {
  const [row] = await queryRows<{ events: EventsValue }>(
    db,
    Prisma.sql`SELECT ${threadEventsJson(
      conversationId,
      Prisma.sql`${lineId}::int`,
      Prisma.sql`${window.from}::timestamptz`,
      Prisma.sql`${window.to}::timestamptz`,
    )} AS events`,
  );
  return presentThreadEvents(parseJson(row!.events));
}

export type ThreadEvent = ReturnType<typeof presentThreadEvents>[number];
