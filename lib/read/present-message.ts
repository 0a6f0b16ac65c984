import type { Prisma } from "@/lib/generated/prisma/client";
import type { ContactCard } from "@/lib/media/parse-vcard";
import { messageExtras } from "./message-extras";

// The JSON shape of a message in every read API answer.

export const messageInclude = {
  media: { orderBy: { id: "asc" } },
  reactions: { orderBy: { sentAt: "asc" } },
  sentBy: { select: { name: true, email: true } },
} satisfies Prisma.MessageInclude;

type FullRow = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;

/**
 * What presentMessage reads: a message with messageInclude through Prisma, or the list's
 * last message read as JSON (lib/read/conversation-rows.ts builds exactly these keys).
 */
export type MessageRow = Pick<
  FullRow,
  | "id"
  | "handle"
  | "clientId"
  | "sentByUserId"
  | "conversationId"
  | "direction"
  | "service"
  | "content"
  | "status"
  | "errorCode"
  | "errorMessage"
  | "errorReason"
  | "errorDetail"
  | "sendStyle"
  | "wasDowngraded"
  | "senderNumber"
  | "senderEmail"
  | "sentAt"
  | "updatedAt"
> & {
  extra: unknown;
  sentBy: FullRow["sentBy"];
  media: (Pick<
    FullRow["media"][number],
    | "id"
    | "kind"
    | "sourceUrl"
    | "contentType"
    | "fileName"
    | "mirrorState"
    | "storageKey"
    | "displayKey"
    | "thumbnailKey"
    | "byteSize"
    | "width"
    | "height"
    | "durationMs"
    | "lastError"
  > & { card: unknown })[];
  reactions: Pick<
    FullRow["reactions"][number],
    "handle" | "reaction" | "emoji" | "removed" | "partIndex" | "direction" | "senderNumber" | "sentAt"
  >[];
};

export function presentMessage(m: MessageRow) {
  return {
    id: m.id,
    handle: m.handle,
    /** Set on replies sent from the inbox: the browser's idempotency key. */
    clientId: m.clientId,
    /** The member who sent a reply from the inbox. */
    sentBy: m.sentBy ? (m.sentBy.name ?? m.sentBy.email) : null,
    sentByUserId: m.sentByUserId,
    conversationId: m.conversationId,
    direction: m.direction,
    service: m.service,
    content: m.content,
    status: m.status,
    error:
      m.errorCode || m.errorMessage
        ? { code: m.errorCode, message: m.errorMessage, reason: m.errorReason, detail: m.errorDetail }
        : null,
    sendStyle: m.sendStyle,
    wasDowngraded: m.wasDowngraded ?? false,
    senderNumber: m.senderNumber,
    /** The Sendblue seat's email when a teammate sent it from Sendblue's own app. */
    senderEmail: m.senderEmail,
    ...messageExtras(m.extra),
    sentAt: m.sentAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    media: m.media.map(presentAttachment),
    reactions: netReactions(m.reactions),
  };
}

export type MessageView = ReturnType<typeof presentMessage>;

/**
 * `url` is the best thing to display: our copy once kept (HEIC as JPEG), else Sendblue's
 * link, which expires after 30 days. `originalUrl` is the bytes exactly as received.
 */
function presentAttachment(a: MessageRow["media"][number]) {
  const kept = a.mirrorState === "kept" && a.storageKey !== null;
  return {
    id: a.id,
    kind: a.kind,
    url: kept ? `/api/media/${a.id}` : a.sourceUrl,
    thumbnailUrl: kept && a.thumbnailKey ? `/api/media/${a.id}?variant=thumb` : null,
    originalUrl: kept ? `/api/media/${a.id}?variant=original` : null,
    sourceUrl: a.sourceUrl,
    contentType: a.contentType,
    fileName: a.fileName,
    state: a.mirrorState,
    byteSize: a.byteSize,
    width: a.width,
    height: a.height,
    durationMs: a.durationMs,
    error: a.lastError,
    card: (a.card as ContactCard | null) ?? null,
    ...browserSupport(a),
  };
}

const NEEDS_CONVERSION = new Set(["audio/x-caf", "image/heic", "image/heif"]);

/**
 * Whether `url` shows in any browser (img/video/audio). HEIC photos and CAF voice notes
 * do only once we hold a converted copy; a CAF in a codec we cannot re-wrap stays a download.
 */
function browserSupport(a: MessageRow["media"][number]) {
  if (!NEEDS_CONVERSION.has(a.contentType ?? "") || a.displayKey) return { inBrowser: true, note: null };
  const kept = a.mirrorState === "kept";
  const what = a.contentType === "audio/x-caf" ? "voice note" : "photo";
  return {
    inBrowser: false,
    note: kept
      ? `This ${what} is in a format only Apple devices open; download it to play it.`
      : `This ${what} needs converting before browsers other than Safari can show it.`,
  };
}

/** A removal tapback cancels the same sender's earlier reaction of that kind. */
function netReactions(rows: MessageRow["reactions"]) {
  const current = new Map<string, MessageRow["reactions"][number]>();
  for (const r of rows) {
    const key = `${r.senderNumber ?? r.direction}|${r.reaction}|${r.emoji ?? ""}`;
    if (r.removed) current.delete(key);
    else current.set(key, r);
  }
  return [...current.values()].map((r) => ({
    handle: r.handle,
    reaction: r.reaction,
    emoji: r.emoji,
    partIndex: r.partIndex,
    direction: r.direction,
    senderNumber: r.senderNumber,
    sentAt: r.sentAt.toISOString(),
  }));
}
