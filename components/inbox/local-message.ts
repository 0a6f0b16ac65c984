import { placeholderHandle } from "@/lib/send/placeholder-handle";
import type { MessageView } from "./api";
import type { OutboxEntry } from "./outbox";

// The bubble of a reply the server has not stored yet (sending, or kept as "Not sent"). It is
// a whole MessageView, field by field, so a field the server's messages gain is a type error
// here instead of an undefined in the thread. The server stores the reply under the same
// placeholder handle, so its copy replaces this one.

export type LocalStatus = "SENDING" | "UNSENT";

export function localMessage(
  conversationId: number,
  lineNumber: string | null,
  entry: OutboxEntry,
  status: LocalStatus,
  reason: string | null,
): MessageView {
  return {
    id: -Date.parse(entry.createdAt) || -Date.now(),
    handle: placeholderHandle(entry.clientId),
    clientId: entry.clientId,
    sentBy: null,
    sentByUserId: null,
    conversationId,
    direction: "outbound",
    service: null,
    content: entry.content,
    ...localStatus(status, reason),
    sendStyle: entry.sendStyle,
    wasDowngraded: false,
    senderNumber: lineNumber,
    senderEmail: null,
    senderName: null,
    // The inline reply's quote shows once the server's copy replaces this one.
    replyTo: null,
    replyQuote: null,
    location: null,
    appCard: null,
    seatId: null,
    sentAt: entry.createdAt,
    updatedAt: entry.createdAt,
    media: [],
    reactions: [],
  };
}

/** The status (and the reason it was not sent) of a local bubble, as a patch. */
export function localStatus(status: LocalStatus, reason: string | null): Pick<MessageView, "status" | "error"> {
  return { status, error: reason ? { code: null, message: reason, reason: null, detail: null } : null };
}
