import type { SqlRunner } from "@/lib/db/pg-pool";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/api-error";
import { CONVERSATION_STATES, type ConversationState } from "@/lib/workflow/workflow-schemas";

// The search box's workflow filters (issue 14): `state:open|done|snoozed` and
// `assignee:me|none|<email>|<name>` (a name with a space in quotes: assignee:"Bo Brown").
// They are taken out of the query before the words are parsed, and become one condition
// on the message's conversation.

export type WorkflowFilters = { state?: ConversationState; assignee?: string };

const FILTER = /(^|\s)(state|assignee):(?:"([^"]*)"?|(\S+))/gi;

export function takeWorkflowFilters(q: string): { q: string; filters: WorkflowFilters } {
  const filters: WorkflowFilters = {};
  const rest = q.replace(
    FILTER,
    (_all, lead: string, key: string, quoted: string | undefined, bare: string | undefined) => {
      const value = (quoted ?? bare ?? "").trim();
      if (key.toLowerCase() === "state") {
        const state = value.toLowerCase() as ConversationState;
        if (!CONVERSATION_STATES.includes(state))
          throw new ApiError(400, "invalid_request", `state: use ${CONVERSATION_STATES.join(", ")}, not "${value}"`);
        filters.state = state;
      } else {
        filters.assignee = value;
      }
      return lead;
    },
  );
  return { q: rest.replace(/\s+/g, " ").trim(), filters };
}

/** SQL over a conversations row aliased c, or undefined when no filter is set; 400 names the filter. */
export async function workflowCondition(
  sql: SqlRunner,
  f: WorkflowFilters,
  viewerId: number | null,
): Promise<Prisma.Sql | undefined> {
  const parts: Prisma.Sql[] = [];
  if (f.state) parts.push(Prisma.sql`c.state = ${f.state}::"ConversationState"`);
  if (f.assignee !== undefined) {
    const who = f.assignee.toLowerCase();
    if (who === "none") {
      // A disabled member's conversations count as unassigned, as in the inbox.
      parts.push(
        Prisma.sql`(c.assignee_id IS NULL OR c.assignee_id IN (SELECT id FROM users WHERE disabled_at IS NOT NULL))`,
      );
    } else if (who === "me") {
      if (viewerId === null)
        throw new ApiError(400, "invalid_request", "assignee: me needs a member (a session or a personal API token)");
      parts.push(Prisma.sql`c.assignee_id = ${viewerId}`);
    } else {
      const { rows } = await sql.query<{ id: number }>(
        "SELECT id FROM users WHERE disabled_at IS NULL AND (lower(email) = $1 OR lower(name) = $1 OR lower(name) LIKE $1 || ' %')",
        [who],
      );
      if (!rows.length)
        throw new ApiError(
          400,
          "invalid_request",
          `assignee: no member "${f.assignee}" (use me, none, an email or a name)`,
        );
      parts.push(Prisma.sql`c.assignee_id = ANY(${rows.map((r) => r.id)}::int[])`);
    }
  }
  return parts.length ? Prisma.join(parts, " AND ") : undefined;
}
