import type { Db } from "@/lib/db/client";
import { refusalTotals } from "@/lib/webhooks/record-refusal";

// Each Sendblue number with its state and traffic, plus how many webhook requests were
// refused for a wrong secret (those carry no trustworthy line, so the count is global).
// Lines are few (one per purchased number), so per-line counts are a handful of queries.

export async function listLines(db: Db) {
  const lines = await db.line.findMany({ orderBy: [{ blocked: "desc" }, { number: "asc" }] });
  const [activity, counts, unauthorized] = await Promise.all([
    db.conversation.groupBy({ by: ["lineId"], where: { lineId: { not: null } }, _max: { lastActivityAt: true }, _count: { _all: true } }),
    Promise.all(
      lines.map(async (line) => {
        const [inbound, outbound] = await Promise.all([
          db.message.count({ where: { direction: "inbound", conversation: { lineId: line.id } } }),
          db.message.count({ where: { direction: "outbound", conversation: { lineId: line.id } } }),
        ]);
        return { inbound, outbound };
      }),
    ),
    refusalTotals(db),
  ]);
  const byLine = new Map(activity.map((a) => [a.lineId, a]));
  return {
    lines: lines.map((line, i) => {
      const a = byLine.get(line.id);
      const last = latest(a?._max.lastActivityAt ?? null, line.lastActivityAt);
      return {
        id: line.id,
        number: line.number,
        assignment: line.assignment,
        status: line.status,
        blocked: line.blocked,
        blockedAt: line.blockedAt?.toISOString() ?? null,
        assignedAt: line.assignedAt?.toISOString() ?? null,
        lastActivityAt: last?.toISOString() ?? null,
        conversations: a?._count._all ?? 0,
        messages: counts[i]!,
        firstSeenAt: line.createdAt.toISOString(),
      };
    }),
    unauthorizedWebhooks: unauthorized,
  };
}

export type LineList = Awaited<ReturnType<typeof listLines>>;
export type LineView = LineList["lines"][number];

/** The blocked lines, for the banner shown while any line cannot send. */
export async function listBlockedLines(db: Db) {
  const rows = await db.line.findMany({
    where: { blocked: true },
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
