import type { Db, Tx } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { parseJson, queryRows } from "@/lib/db/query-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { type EventsValue, threadEventsJson } from "./list-thread-events";
import { MESSAGE_JSON, type MessageJson } from "./message-json";
import type { ReplyParent } from "./reply-quotes";

// A thread page in ONE statement: the conversation (does it exist, which line), the anchor
// the page is keyed on (a cursor, a message handle, a note), the page's messages with their
// sender, attachments, reactions, the sender's contact and the parent an inline reply names,
// whether there is more either side, and the calls, line events, notes and activity inside
// the page's time window. Through Prisma this was eight statements, each paying the client's
// per-statement cost: most of the thread's server CPU in bench:read (issue 13).
//
// The contract with the presenters: each message is MESSAGE_JSON (lib/read/message-json.ts);
// tests/read/thread-page.test.ts holds the page equal to the same thread read through
// Prisma's models.

/** What the page is keyed on: nothing (the newest), a (sent_at, id) cursor, a message, a note's time. */
export type Anchor = { cursor: { at: Date; id: number } } | { handle: string } | { noteId: number } | null;

export type ThreadPagePlan = {
  anchor: Anchor;
  /** Rows to read older than the anchor (the newest rows without one); null: that side is not read. */
  older: number | null;
  /** Rows to read newer than the anchor; null: that side is not read. */
  newer: number | null;
  /** For a side not read, whether the thread goes on that way. */
  olderBeyond: boolean;
  newerBeyond: boolean;
  withEvents: boolean;
};

export type ThreadMessageJson = {
  m: MessageJson;
  /** The contact with the sender's number, if any. */
  sender: { firstName: string | null; lastName: string | null; companyName: string | null } | null;
  /** The stored message that extra.reply_to names, if any (in any conversation). */
  parent: ReplyParent | null;
};

export type ThreadPageRow = {
  /** The conversation exists. */
  found: boolean;
  /** The anchor was found in this conversation (always, for a cursor or none). */
  anchored: boolean;
  hasOlder: boolean;
  hasNewer: boolean;
  messages: ThreadMessageJson[];
  events: EventsValue | null;
};

const INT4_MAX = 2_147_483_647; // every id at an instant: ids are int4

function anchorSql(conversationId: number, anchor: NonNullable<Anchor>): Prisma.Sql {
  if ("cursor" in anchor)
    return Prisma.sql`SELECT ${anchor.cursor.at}::timestamptz AS at, ${anchor.cursor.id}::int AS id`;
  if ("handle" in anchor)
    return Prisma.sql`SELECT m.sent_at AS at, m.id FROM messages m
      WHERE m.handle = ${anchor.handle} AND m.conversation_id = ${conversationId}`;
  // Messages up to the note's time on one side, after it on the other: the page's event
  // window (oldest to newest message) then holds the note.
  return Prisma.sql`SELECT n.created_at AS at, ${INT4_MAX}::int AS id FROM conversation_notes n
    WHERE n.id = ${anchor.noteId} AND n.conversation_id = ${conversationId}`;
}

function side(conversationId: number, plan: ThreadPagePlan, way: "older" | "newer"): Prisma.Sql {
  const take = plan[way]!;
  const [cmp, order] = way === "older" ? [Prisma.sql`<`, Prisma.sql`DESC`] : [Prisma.sql`>`, Prisma.sql`ASC`];
  const keyed = plan.anchor ? Prisma.sql`, anchor a` : Prisma.empty;
  const after = plan.anchor ? Prisma.sql`AND (m.sent_at, m.id) ${cmp} (a.at, a.id)` : Prisma.empty;
  return Prisma.sql`SELECT m.id, m.sent_at FROM messages m${keyed}
    WHERE m.conversation_id = ${conversationId} ${after}
    ORDER BY m.sent_at ${order}, m.id ${order} LIMIT ${take + 1}`;
}

const PAGE_MESSAGE_JSON = Prisma.sql`json_build_object('m', ${MESSAGE_JSON},
  'sender', (SELECT json_build_object('firstName', k.first_name, 'lastName', k.last_name, 'companyName', k.company_name)
    FROM contacts k WHERE k.number = m.sender_number),
  'parent', (SELECT json_build_object('handle', r.handle, 'conversationId', r.conversation_id,
      'direction', r.direction, 'content', r.content,
      'attachment', (SELECT json_build_object('kind', a.kind, 'fileName', a.file_name)
        FROM media_attachments a WHERE a.message_id = r.id ORDER BY a.id LIMIT 1))
    FROM messages r WHERE r.handle = m.extra -> 'reply_to' ->> 'message_handle'))`;

export function threadPageStatement(conversationId: number, plan: ThreadPagePlan): Prisma.Sql {
  const ctes = [Prisma.sql`conv AS (SELECT c.line_id FROM conversations c WHERE c.id = ${conversationId})`];
  const pageParts: Prisma.Sql[] = [];
  if (plan.anchor) ctes.push(Prisma.sql`anchor AS (${anchorSql(conversationId, plan.anchor)})`);
  if (plan.older !== null) {
    ctes.push(Prisma.sql`older AS (${side(conversationId, plan, "older")})`);
    pageParts.push(Prisma.sql`(SELECT id, sent_at FROM older ORDER BY sent_at DESC, id DESC LIMIT ${plan.older})`);
  }
  // Around a message, the message itself is on the page between the two sides.
  if (plan.anchor && "handle" in plan.anchor) pageParts.push(Prisma.sql`(SELECT id, at FROM anchor)`);
  if (plan.newer !== null) {
    ctes.push(Prisma.sql`newer AS (${side(conversationId, plan, "newer")})`);
    pageParts.push(Prisma.sql`(SELECT id, sent_at FROM newer ORDER BY sent_at, id LIMIT ${plan.newer})`);
  }
  ctes.push(Prisma.sql`page AS (${Prisma.join(pageParts, " UNION ALL ")})`);
  const beyond = (way: "older" | "newer", otherwise: boolean) =>
    plan[way] === null
      ? Prisma.sql`${otherwise}::boolean`
      : Prisma.sql`(SELECT count(*) FROM ${Prisma.raw(way)}) > ${plan[way]}`;
  ctes.push(Prisma.sql`flags AS (SELECT ${beyond("older", plan.olderBeyond)} AS has_older,
    ${beyond("newer", plan.newerBeyond)} AS has_newer)`);
  // The page's time window: open on a side the thread ends at.
  const from = Prisma.sql`(SELECT CASE WHEN f.has_older THEN (SELECT min(sent_at) FROM page) END FROM flags f)`;
  const to = Prisma.sql`(SELECT CASE WHEN f.has_newer THEN (SELECT max(sent_at) FROM page) END FROM flags f)`;
  const events = plan.withEvents
    ? threadEventsJson(conversationId, Prisma.sql`(SELECT line_id FROM conv)`, from, to)
    : Prisma.sql`NULL::json`;
  return Prisma.sql`WITH ${Prisma.join(ctes, ",\n")}
    SELECT EXISTS (SELECT 1 FROM conv) AS found,
      ${plan.anchor ? Prisma.sql`EXISTS (SELECT 1 FROM anchor)` : Prisma.sql`true`} AS anchored,
      f.has_older AS "hasOlder", f.has_newer AS "hasNewer",
      coalesce((SELECT json_agg(${PAGE_MESSAGE_JSON} ORDER BY m.sent_at, m.id)
        FROM page p JOIN messages m ON m.id = p.id), '[]') AS messages,
      ${events} AS events
    FROM flags f`;
}

/** The page's one row (see threadPageStatement), through the pg pool or a Prisma client. */
export async function readThreadPage(
  client: Db | Tx | SqlRunner,
  conversationId: number,
  plan: ThreadPagePlan,
): Promise<ThreadPageRow> {
  const [row] = await queryRows<ThreadPageRow & { messages: ThreadMessageJson[] | string }>(
    client,
    threadPageStatement(conversationId, plan),
    // Generic plans measured per mode (latest, before, after, around) execute as fast as custom ones.
    { prepared: true },
  );
  return { ...row!, messages: parseJson(row!.messages) };
}
