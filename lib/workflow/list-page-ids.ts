import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { queryRows } from "@/lib/db/query-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { memberUnreadSource, type UnreadSource } from "./member-reads";
import type { InboxTab } from "./workflow-schemas";

// One page of the conversation list as ids, newest activity first, keyset-paged on
// (last_activity_at, id). Each tab's condition leads with the columns of an index that
// also carries the order: (state, last_activity_at, id) for open/snoozed/done,
// (assignee_id, state, …) for mine and unassigned, (last_activity_at, id) for all. A
// member's Unread filter walks their own unread rows in that order instead (member-reads.ts).

export type PageFilter = {
  tab: InboxTab;
  viewerId: number | null;
  line?: string | null;
  unread?: boolean;
  /** Only conversations carrying this label. */
  labelId?: number | null;
  after: { at: Date; id: number } | null;
  limit: number;
};

/** Members whose conversations show as unassigned (disabled accounts). */
export async function disabledMemberIds(db: Db | SqlRunner): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, Prisma.sql`SELECT id FROM users WHERE disabled_at IS NOT NULL`);
  return rows.map((r) => r.id);
}

const BY_ACTIVITY = { at: Prisma.sql`c.last_activity_at`, id: Prisma.sql`c.id` };

async function tabCondition(db: Db | SqlRunner, tab: InboxTab, viewerId: number | null): Promise<Prisma.Sql> {
  switch (tab) {
    case "all":
      return Prisma.sql`TRUE`;
    case "open":
    case "snoozed":
    case "done":
      return Prisma.sql`c.state = ${tab}::"ConversationState"`;
    case "mine":
      if (viewerId === null)
        throw new ApiError(400, "invalid_request", "tab: mine needs a member (a session or a personal API token)");
      return Prisma.sql`c.assignee_id = ${viewerId} AND c.state = 'open'`;
    case "unassigned": {
      const disabled = await disabledMemberIds(db);
      return disabled.length
        ? Prisma.sql`(c.assignee_id IS NULL OR c.assignee_id = ANY(${disabled})) AND c.state = 'open'`
        : Prisma.sql`c.assignee_id IS NULL AND c.state = 'open'`;
    }
  }
}

/**
 * The page's statement: `columns` of the conversations (aliased c) on the page, in order,
 * `limit` rows at most. The list reads its rows from it in the same statement
 * (lib/read/conversation-rows.ts).
 */
export async function pageQuery(db: Db | SqlRunner, f: PageFilter, columns: Prisma.Sql): Promise<Prisma.Sql> {
  const conditions = [await tabCondition(db, f.tab, f.viewerId)];
  if (f.line) conditions.push(Prisma.sql`c.line_id = (SELECT id FROM lines WHERE number = ${f.line})`);
  let source: Omit<UnreadSource, "condition"> = { from: Prisma.sql`conversations c`, ...BY_ACTIVITY };
  if (f.unread && f.viewerId !== null) {
    const unread = await memberUnreadSource(db, f.viewerId, f.tab);
    source = unread;
    conditions.push(unread.condition);
  } else if (f.unread) conditions.push(Prisma.sql`c.unread_count > 0`);
  if (f.labelId)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = c.id AND cl.label_id = ${f.labelId})`,
    );
  if (f.after) conditions.push(Prisma.sql`(${source.at}, ${source.id}) < (${f.after.at}, ${f.after.id})`);
  return Prisma.sql`
    SELECT ${columns} FROM ${source.from}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${source.at} DESC, ${source.id} DESC LIMIT ${f.limit}`;
}

/** The page's ids alone (the tab's own cost, which bench:inbox shows apart). */
export async function listPageIds(db: Db | SqlRunner, f: PageFilter): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, await pageQuery(db, f, Prisma.sql`c.id`));
  return rows.map((r) => r.id);
}
