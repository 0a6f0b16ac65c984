import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { memberUnreadSource } from "@/lib/workflow/member-reads";

// The number in the tab title, "(3) Sendblue Inbox": open conversations with something the
// viewer has not read: the first UNREAD_CAP of the member's own open unread rows
// (memberUnreadSource), or of the open set's walk for the shared count; a title says "99+"
// past that anyway.

export const UNREAD_CAP = 100;

export const unreadCountResponse = z.object({
  unread: z
    .number()
    .int()
    .describe(`Open conversations with messages you have not read (or marked unread), at most ${UNREAD_CAP}`),
});

/**
 * For a member (their own read positions), or for the shared automation token (null: the
 * shared count). `within`: a transaction to count in, when the caller needs one snapshot.
 */
export async function unreadOpenConversations(db: Db, viewerId: number | null, within: Db | Tx = db): Promise<number> {
  const { from, condition } =
    viewerId === null
      ? { from: Prisma.sql`conversations c`, condition: Prisma.sql`c.unread_count > 0` }
      : await memberUnreadSource(db, viewerId, "open");
  const [row] = await within.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM ${from}
      WHERE c.state = 'open' AND ${condition}
      LIMIT ${UNREAD_CAP}
    ) x`;
  return row?.n ?? 0;
}
