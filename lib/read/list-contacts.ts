import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeIdCursor, encodeCursor } from "./cursor";
import { contactName } from "./conversation-title";

// Everyone who has texted a line or was announced by contact_created, newest first,
// keyset-paged on id. Search is ILIKE over names and number: fine at the size of one
// account's address book (a sequential scan of a few thousand rows).

export type ListContactsInput = { q?: string | null; cursor?: string | null; limit?: number };

const include = {
  conversations: {
    select: { id: true, lastActivityAt: true, line: { select: { number: true } } },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
  },
} satisfies Prisma.ContactInclude;

type Row = Prisma.ContactGetPayload<{ include: typeof include }>;

export async function listContacts(db: Db, input: ListContactsInput = {}) {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const before = decodeIdCursor(input.cursor);
  const rows = await db.contact.findMany({
    where: { AND: [...searchWhere(input.q), ...(before ? [{ id: { lt: before } }] : [])] },
    include,
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const groups = await groupCounts(
    db,
    page.map((c) => c.number),
  );
  return {
    contacts: page.map((c) => presentContact(c, groups.get(c.number) ?? 0)),
    nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null,
  };
}

export type ContactList = Awaited<ReturnType<typeof listContacts>>;
export type ContactView = ContactList["contacts"][number];

/**
 * Every word must match some name field or the number, so "ada love" finds Ada Lovelace.
 * A word with digits also matches the number with its punctuation removed, so
 * "(512) 216" finds +15122164639.
 */
function searchWhere(q: string | null | undefined): Prisma.ContactWhereInput[] {
  const words = (q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const digits = (q ?? "").replace(/\D/g, "");
  const looksLikeNumber = digits.length >= 3 && /^[\d\s()+.-]+$/.test(q ?? "");
  if (looksLikeNumber) return [{ number: { contains: digits } }];
  return words.map(escapeLike).map((word) => ({
    OR: [
      { firstName: { contains: word, mode: "insensitive" } },
      { lastName: { contains: word, mode: "insensitive" } },
      { companyName: { contains: word, mode: "insensitive" } },
      { number: { contains: word } },
    ],
  }));
}

/** Prisma's `contains` passes % and _ through to LIKE; a search for "50%" means the text. */
function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function groupCounts(db: Db, numbers: string[]): Promise<Map<string, number>> {
  if (!numbers.length) return new Map();
  const rows = await db.conversationParticipant.groupBy({
    by: ["number"],
    where: { number: { in: numbers } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.number, r._count._all]));
}

function presentContact(c: Row, groupCount: number) {
  return {
    id: c.id,
    number: c.number,
    name: contactName(c),
    companyName: c.companyName,
    tags: c.tags,
    optedOut: c.optedOut,
    verified: c.verified,
    createdAt: c.createdAt.toISOString(),
    conversations: c.conversations.map((conv) => ({
      id: conv.id,
      line: conv.line?.number ?? null,
      lastActivityAt: conv.lastActivityAt.toISOString(),
    })),
    groupCount,
  };
}
