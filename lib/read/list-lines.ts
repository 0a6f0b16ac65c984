import type { Db } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { queryRows } from "@/lib/db/query-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { refusalTotals } from "@/lib/webhooks/record-refusal";
import { counterKeys, readCounters } from "./counters";

// Each Sendblue number with its state and traffic, plus how many webhook requests were
// refused for a wrong secret (those carry no trustworthy line, so the count is global).
// Every number here costs O(lines), not O(history): counts are kept by triggers
// (lib/read/counters.ts), and each line's last activity is its newest conversation, one
// probe of conversations_line_id_last_activity_at_id_idx per line. Plain SQL through
// whichever client the caller holds (the pg pool on the Lines page and GET /api/lines):
// through Prisma's models these were three statements' worth of client-side work per load.

type LineRow = {
  id: number;
  number: string;
  name: string | null;
  assignment: string | null;
  status: string | null;
  blocked: boolean;
  blocked_at: Date | null;
  assigned_at: Date | null;
  last_activity_at: Date | null;
  conversation_at: Date | null;
  created_at: Date;
};

export async function listLines(client: Db | SqlRunner) {
  const [lines, unauthorized] = await Promise.all([
    queryRows<LineRow>(
      client,
      Prisma.sql`SELECT l.id, l.number, l.name, l.assignment, l.status, l.blocked, l.blocked_at, l.assigned_at,
          l.last_activity_at, l.created_at,
          (SELECT c.last_activity_at FROM conversations c WHERE c.line_id = l.id
            ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 1) AS conversation_at
        FROM lines l ORDER BY l.blocked DESC, l.number`,
    ),
    // Refusals are counted per minute and type (webhook_refusals); the log keeps only samples.
    refusalTotals(client),
  ]);
  const counts = await readCounters(
    client,
    lines.flatMap((l) => [
      counterKeys.lineMessages(l.id, "inbound"),
      counterKeys.lineMessages(l.id, "outbound"),
      counterKeys.lineConversations(l.id),
    ]),
  );
  return {
    lines: lines.map((line) => {
      const last = latest(line.conversation_at, line.last_activity_at);
      return {
        id: line.id,
        number: line.number,
        name: line.name,
        assignment: line.assignment,
        status: line.status,
        blocked: line.blocked,
        blockedAt: line.blocked_at?.toISOString() ?? null,
        assignedAt: line.assigned_at?.toISOString() ?? null,
        lastActivityAt: last?.toISOString() ?? null,
        conversations: counts.get(counterKeys.lineConversations(line.id))!,
        messages: {
          inbound: counts.get(counterKeys.lineMessages(line.id, "inbound"))!,
          outbound: counts.get(counterKeys.lineMessages(line.id, "outbound"))!,
        },
        firstSeenAt: line.created_at.toISOString(),
      };
    }),
    unauthorizedWebhooks: unauthorized,
  };
}

export type LineList = Awaited<ReturnType<typeof listLines>>;

/** The blocked lines, for the banner shown while any line cannot send; `inUse` keeps only those with conversations (a spare line's block concerns only the Lines page). */
export async function listBlockedLines(client: Db | SqlRunner, { inUse = false }: { inUse?: boolean } = {}) {
  const rows = await queryRows<{ number: string; blocked_at: Date | null }>(
    client,
    Prisma.sql`SELECT l.number, l.blocked_at FROM lines l
      WHERE l.blocked ${inUse ? Prisma.sql`AND EXISTS (SELECT 1 FROM conversations c WHERE c.line_id = l.id)` : Prisma.empty}
      -- Newest trouble first: the banner names only the first few.
      ORDER BY l.blocked_at DESC NULLS LAST, l.number`,
  );
  return rows.map((r) => ({ number: r.number, blockedAt: r.blocked_at?.toISOString() ?? null }));
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
