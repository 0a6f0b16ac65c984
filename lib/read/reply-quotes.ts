import type { Db } from "@/lib/db/client";

// An inline reply shows its parent above it. Parents are looked up by handle for a whole page
// in one query, whether or not they are on the page; a parent we never stored (before the
// inbox was installed, or in another conversation) shows as "an earlier message".

export type ReplyQuote = { handle: string; found: boolean; direction: "inbound" | "outbound" | null; preview: string };

const PREVIEW_CHARS = 140;

export async function withReplyQuotes<M extends { conversationId: number; replyTo: { handle: string } | null }>(
  db: Db,
  messages: M[],
): Promise<(M & { replyQuote: ReplyQuote | null })[]> {
  const handles = [...new Set(messages.flatMap((m) => (m.replyTo ? [m.replyTo.handle] : [])))];
  const parents = handles.length
    ? await db.message.findMany({
        where: { handle: { in: handles } },
        select: {
          handle: true,
          conversationId: true,
          direction: true,
          content: true,
          media: { select: { kind: true, fileName: true }, orderBy: { id: "asc" }, take: 1 },
        },
      })
    : [];
  const byHandle = new Map(parents.map((p) => [p.handle, { ...p, attachment: p.media[0] ?? null }]));
  return messages.map((m) => ({ ...m, replyQuote: replyQuote(m, m.replyTo && byHandle.get(m.replyTo.handle)) }));
}

/** The parent a reply's handle names, as far as its quote needs it. */
export type ReplyParent = {
  handle: string;
  conversationId: number;
  direction: "inbound" | "outbound";
  content: string;
  attachment: { kind: string; fileName: string | null } | null;
};

/** The quote above message `m`, given the message its handle names (if we stored one). */
export function replyQuote(
  m: { conversationId: number; replyTo: { handle: string } | null },
  parent: ReplyParent | null | undefined,
): ReplyQuote | null {
  if (!m.replyTo) return null;
  // Only a parent in the same conversation is shown: a handle is the sender's claim.
  if (!parent || parent.conversationId !== m.conversationId) {
    return { handle: m.replyTo.handle, found: false, direction: null, preview: "an earlier message" };
  }
  const attachment = parent.attachment;
  const text = parent.content.trim() || (attachment ? (attachment.fileName ?? attachment.kind) : "");
  return {
    handle: parent.handle,
    found: true,
    direction: parent.direction,
    preview: text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text,
  };
}
