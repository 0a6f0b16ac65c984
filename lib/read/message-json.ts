import { Prisma } from "@/lib/generated/prisma/client";
import type { MessageRow } from "./present-message";

// A message (alias m) as one JSON value built by PostgreSQL, with exactly the keys
// presentMessage reads (MessageRow): its columns, sender, attachments and reactions. Read in
// the same statement as whatever selects the messages, instead of one Prisma statement per
// relation (the thread page, lib/read/thread-page.ts; the list's last message,
// lib/read/conversation-rows.ts). Timestamps arrive as JSON strings; hydrateMessage turns
// them back into Dates.

export const MESSAGE_JSON = Prisma.sql`json_build_object(
  'id', m.id, 'handle', m.handle, 'clientId', m.client_id, 'sentByUserId', m.sent_by_user_id,
  'conversationId', m.conversation_id, 'direction', m.direction, 'service', m.service, 'content', m.content,
  'status', m.status, 'errorCode', m.error_code, 'errorMessage', m.error_message, 'errorReason', m.error_reason,
  'errorDetail', m.error_detail, 'sendStyle', m.send_style, 'wasDowngraded', m.was_downgraded,
  'senderNumber', m.sender_number, 'senderEmail', m.sender_email, 'extra', m.extra,
  'sentAt', m.sent_at, 'updatedAt', m.updated_at,
  'sentBy', (SELECT json_build_object('name', u.name, 'email', u.email) FROM users u WHERE u.id = m.sent_by_user_id),
  'media', coalesce((
    SELECT json_agg(json_build_object(
      'id', a.id, 'kind', a.kind, 'sourceUrl', a.source_url, 'contentType', a.content_type, 'fileName', a.file_name,
      'mirrorState', a.mirror_state, 'storageKey', a.storage_key, 'displayKey', a.display_key,
      'thumbnailKey', a.thumbnail_key, 'byteSize', a.byte_size, 'width', a.width, 'height', a.height,
      'durationMs', a.duration_ms, 'lastError', a.last_error, 'card', a.card) ORDER BY a.id)
    FROM media_attachments a WHERE a.message_id = m.id), '[]'),
  'reactions', coalesce((
    SELECT json_agg(json_build_object(
      'handle', x.handle, 'reaction', x.reaction, 'emoji', x.emoji, 'removed', x.removed, 'partIndex', x.part_index,
      'direction', x.direction, 'senderNumber', x.sender_number, 'sentAt', x.sent_at) ORDER BY x.sent_at, x.id)
    FROM reactions x WHERE x.message_id = m.id), '[]'))`;

/** A row as JSON carries it: Dates become strings. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export type MessageJson = Json<MessageRow>;

/** The JSON message with its timestamps as Dates, as presentMessage takes it. */
export function hydrateMessage(m: MessageJson): MessageRow {
  return {
    ...m,
    sentAt: new Date(m.sentAt),
    updatedAt: new Date(m.updatedAt),
    reactions: m.reactions.map((x) => ({ ...x, sentAt: new Date(x.sentAt) })),
  };
}
