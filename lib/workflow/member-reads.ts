import { recordActivity, type Actor } from "@/lib/activity/record-activity";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { isTaskDone } from "@/lib/db/background-tasks";
import { taskDoneCached } from "@/lib/db/task-done-cache";
import { notifyInbox } from "@/lib/realtime/notify";
import type { SqlRunner } from "@/lib/db/pg-pool";
import type { InboxTab } from "./workflow-schemas";

// Each member's own read position (conversation_reads). A member who never opened a
// conversation reads from the team's shared position (conversations.last_read_at, which
// only the shared automation token and imported history still move; the migration set it
// from the shared count): so the upgrade shows everyone what they saw before, imported
// history stays read, and one member reading does not clear another's badge.

/** The SQL of a member's read position in conversation `c` (aliases c and r as in the queries below). */
const POSITION = Prisma.sql`coalesce(r.read_at, c.last_read_at, '-infinity'::timestamptz)`;

/** Inbound messages after the member's read position, counted up to 100. */
const unreadMessages = Prisma.sql`(SELECT count(*)::int FROM (
  SELECT 1 FROM messages m
  WHERE coalesce(c.last_inbound_at, 'infinity') > ${POSITION}
    AND m.conversation_id = c.id AND m.direction = 'inbound' AND m.sent_at > ${POSITION}
  LIMIT 100) x)`;

/**
 * A member's unread count (capped at 100) of the conversation row aliased c, LEFT JOINed to
 * their reads r (memberReadsJoin); "marked unread" counts at least 1. An expression: the
 * list's one statement (lib/read/conversation-rows.ts) selects it per row.
 */
// The subquery appears once: the planner costs each appearance in full, and a statement
// costed past jit_above_cost spends longer compiling than running (see conversation-rows.ts).
export const MEMBER_UNREAD_COUNT = Prisma.sql`greatest(CASE WHEN r.marked_unread THEN 1 ELSE 0 END, ${unreadMessages})`;

/** The background task (migration 20261203110000) that fills last_inbound_at for older rows. */
const LAST_INBOUND_TASK = "conversation_last_inbound_backfill";
/** The background task (migration 20261206200000) that fills member_unreads for older rows. */
const MEMBER_UNREADS_TASK = "member_unreads_backfill";

/** Until an upgrade's backfill reaches a row (last_inbound_at NULL), its messages answer. */
const probe = Prisma.sql`c.last_message_at > ${POSITION} AND EXISTS (
  SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.sent_at > ${POSITION})`;

/**
 * Where a member's Unread filter reads from: `from` replaces `FROM conversations c` (it
 * always has c), `condition` joins the WHERE, and the page is ordered and keyset-paged on
 * (`at`, `id`), equal to (c.last_activity_at, c.id) but maybe an index's copy of them.
 */
export type UnreadSource = { from: Prisma.Sql; condition: Prisma.Sql; at: Prisma.Sql; id: Prisma.Sql };

const CONVERSATION_ORDER = { at: Prisma.sql`c.last_activity_at`, id: Prisma.sql`c.id` };

/**
 * "Unread for this member" in inbox tab `tab`. Once member_unreads is filled (its backfill
 * done), the page walks the member's own unread rows newest first, in the tab's state (or
 * all states), and stops after the page: a member who has read everything costs one index
 * probe, not a walk of every conversation of the tab (bench:inbox). Mine walks the member's
 * assigned conversations instead (fewer than their unread ones, whose density among them
 * could be nil) and probes the set. Until the backfill is done, the rule itself answers
 * (conversation_reads r and conversations.last_inbound_at).
 */
export async function memberUnreadSource(db: Db | SqlRunner, viewerId: number, tab: InboxTab): Promise<UnreadSource> {
  if (await taskDoneCached(db, MEMBER_UNREADS_TASK, () => isTaskDone(db, MEMBER_UNREADS_TASK))) {
    if (tab === "mine")
      return {
        from: Prisma.sql`conversations c`,
        condition: Prisma.sql`EXISTS (SELECT 1 FROM member_unreads u WHERE u.conversation_id = c.id AND u.user_id = ${viewerId})`,
        ...CONVERSATION_ORDER,
      };
    const state = tab === "all" ? null : tab === "unassigned" ? "open" : tab;
    return {
      from: Prisma.sql`member_unreads u JOIN conversations c ON c.id = u.conversation_id`,
      condition: state
        ? Prisma.sql`u.user_id = ${viewerId} AND u.state = ${state}::"ConversationState"`
        : Prisma.sql`u.user_id = ${viewerId}`,
      at: Prisma.sql`u.last_activity_at`,
      id: Prisma.sql`u.conversation_id`,
    };
  }
  // The probe's cost, even for rows that never run it, turns the planner from walking the
  // tab's index to sorting the whole tab: leave it out once no row can need it.
  const known = await taskDoneCached(db, LAST_INBOUND_TASK, () => isTaskDone(db, LAST_INBOUND_TASK));
  return {
    from: Prisma.sql`conversations c ${memberReadsJoin(viewerId)}`,
    condition: known
      ? Prisma.sql`(coalesce(r.marked_unread, false) OR c.last_inbound_at > ${POSITION})`
      : Prisma.sql`(coalesce(r.marked_unread, false) OR c.last_inbound_at > ${POSITION} OR (c.last_inbound_at IS NULL AND ${probe}))`,
    ...CONVERSATION_ORDER,
  };
}

export function memberReadsJoin(userId: number): Prisma.Sql {
  return Prisma.sql`LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = ${userId}`;
}

/** The member has read the conversation up to now. */
export async function markReadForMember(db: Db | Tx, userId: number, conversationId: number): Promise<void> {
  // Past a message dated in the future too (a phone with a wrong clock), or it stays unread.
  // The conversation's lock before the read row's, as in markUnreadForMember.
  await db.$executeRaw`
    INSERT INTO conversation_reads (user_id, conversation_id, read_at, marked_unread)
    SELECT ${userId}, c.id, greatest(now(), c.last_inbound_at), false FROM conversations c WHERE c.id = ${conversationId}
    FOR NO KEY UPDATE
    ON CONFLICT (user_id, conversation_id) DO UPDATE SET read_at = EXCLUDED.read_at, marked_unread = false`;
}

/** "Mark as unread" for one member: the conversations stay unread for them until opened again. */
export async function markUnreadForMember(db: Db, actor: NonNullable<Actor>, ids: number[]): Promise<number[]> {
  return db.$transaction(async (tx) => {
    // The conversations first, in id order, as a read takes them (its UPDATE) before its read
    // row: member_unreads' trigger locks the conversation after the read row, and the other
    // order deadlocked with a read of the same conversation (tests/workflow/member-unreads).
    await tx.$queryRaw`SELECT 1 FROM conversations WHERE id = ANY(${ids}) ORDER BY id FOR NO KEY UPDATE`;
    const marked = await tx.$queryRaw<{ conversation_id: number }[]>`
      INSERT INTO conversation_reads (user_id, conversation_id, read_at, marked_unread)
      SELECT ${actor.id}, c.id, now(), true FROM conversations c WHERE c.id = ANY(${ids})
      ON CONFLICT (user_id, conversation_id) DO UPDATE SET marked_unread = true
      RETURNING conversation_id`;
    for (const { conversation_id: id } of marked) {
      await recordActivity(tx, id, actor, { kind: "unread", data: {} });
      await notifyInbox(tx, { type: "conversation", conversationId: id });
    }
    return marked.map((m) => m.conversation_id);
  });
}
