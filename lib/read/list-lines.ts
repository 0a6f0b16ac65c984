import type { Db } from "@/lib/db/client";
import { refusalTotals } from "@/lib/webhooks/record-refusal";

import { counterKeys, readCounters } from "./counters";

// Each Sendblue number with its state and traffic, plus how many webhook requests were
// refused for a wrong secret (those carry no trustworthy line, so the count is global).
// Every number here costs O(lines), not O(history): counts are kept by triggers
// (lib/read/counters.ts), and each line's last activity is its newest conversation, one
// probe of conversations_line_id_last_activity_at_id_idx per line (a LATERAL join).

export async function listLines(db: Db) {
  const lines = await db.line.findMany({
    orderBy: [{ blocked: "desc" }, { number: "asc" }],
    include: {
      conversations: {
        select: { lastActivityAt: true },
        orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
        take: 1,
      },
    },
    relationLoadStrategy: "join",
  });
  const keys = lines.flatMap((l) => [
    counterKeys.lineMessages(l.id, "inbound"),
    counterKeys.lineMessages(l.id, "outbound"),
    counterKeys.lineConversations(l.id),
  ]);
  const [counts, unauthorized] = await Promise.all([
    readCounters(db, keys),
    // Refusals are counted per minute and type (webhook_refusals); the log keeps only samples.
    refusalTotals(db),
  ]);
  return {
    lines: lines.map((line) => {
      const last = latest(line.conversations[0]?.lastActivityAt ?? null, line.lastActivityAt);
      return {
        id: line.id,
        number: line.number,
        name: line.name,
        assignment: line.assignment,
        status: line.status,
        blocked: line.blocked,
        blockedAt: line.blockedAt?.toISOString() ?? null,
        assignedAt: line.assignedAt?.toISOString() ?? null,
        lastActivityAt: last?.toISOString() ?? null,
        conversations: counts.get(counterKeys.lineConversations(line.id))!,
        messages: {
          inbound: counts.get(counterKeys.lineMessages(line.id, "inbound"))!,
          outbound: counts.get(counterKeys.lineMessages(line.id, "outbound"))!,
        },
        firstSeenAt: line.createdAt.toISOString(),
      };
    }),
    unauthorizedWebhooks: unauthorized,
  };
}

export type LineList = Awaited<ReturnType<typeof listLines>>;

/** The blocked lines, for the banner shown while any line cannot send; `inUse` keeps only those with conversations (a spare line's block concerns only the Lines page). */
export async function listBlockedLines(db: Db, { inUse = false }: { inUse?: boolean } = {}) {
  const rows = await db.line.findMany({
    where: { blocked: true, ...(inUse ? { conversations: { some: {} } } : {}) },
    select: { number: true, blockedAt: true },
    // Newest trouble first: the banner names only the first few.
    orderBy: [{ blockedAt: { sort: "desc", nulls: "last" } }, { number: "asc" }],
  });
  return rows.map((r) => ({ number: r.number, blockedAt: r.blockedAt?.toISOString() ?? null }));
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
