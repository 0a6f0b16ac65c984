import type { Direction } from "@/lib/generated/prisma/enums";
import { isErrorCode, normalizeStatus, statusRank } from "@/lib/messages/status-rank";
import { messagePayloadSchema, unknownFields, type MessagePayload } from "./payload-schemas";

// Turns a receive/outbound/status body into the one shape the ingest steps store.

export type NormalizedMessage = {
  handle: string;
  direction: Direction;
  lineNumber: string | null;
  contactNumber: string | null;
  groupId: string | null;
  groupName: string | null;
  participants: string[];
  service: string | null;
  content: string;
  status: string;
  statusRank: number;
  errorCode: string | null;
  errorMessage: string | null;
  errorReason: string | null;
  errorDetail: string | null;
  sentAt: Date;
  sourceUpdatedAt: Date | null;
  mediaUrl: string | null;
  sendStyle: string | null;
  wasDowngraded: boolean | null;
  messageType: string | null;
  fromNumber: string | null;
  toNumber: string | null;
  senderNumber: string | null;
  senderEmail: string | null;
  optedOut: boolean | null;
  extra: Record<string, unknown> | null;
};

/** A body that cannot be applied as it stands: answered 422 with `code`, the raw body kept. */
export class UnusableFieldsError extends Error {
  constructor(
    readonly code: "missing_fields" | "fields_too_long",
    readonly fields: string[],
    message: string,
  ) {
    super(message);
  }
}

export class MissingFieldsError extends UnusableFieldsError {
  constructor(fields: string[]) {
    super("missing_fields", fields, `Missing required field${fields.length > 1 ? "s" : ""}: ${fields.join(", ")}`);
  }
}

class FieldsTooLongError extends UnusableFieldsError {
  constructor(fields: string[]) {
    super(
      "fields_too_long",
      fields,
      `Field${fields.length > 1 ? "s" : ""} too long to be what Sendblue sends: ${fields.join(", ")}`,
    );
  }
}

// These values are keys of unique indexes, whose entries PostgreSQL caps at 2,704 bytes;
// real ones are a few dozen bytes (a media URL, signed, a few hundred), so anything near
// the cap is garbage, refused with a 422 (the raw body is still kept) instead of a 500
// that Sendblue would retry forever.
const MAX_KEY_BYTES: Partial<Record<keyof MessagePayload, number>> = {
  message_handle: 256,
  group_id: 256,
  status: 64,
  media_url: 2048,
};

function tooLong(p: MessagePayload): string[] {
  return Object.entries(MAX_KEY_BYTES)
    .filter(([field, max]) => {
      const value = p[field as keyof MessagePayload];
      return typeof value === "string" && Buffer.byteLength(value) > max!;
    })
    .map(([field]) => field);
}

const SERVICES: Record<string, string> = { imessage: "iMessage", sms: "SMS", rcs: "RCS", mms: "SMS" };

export function normalizeService(service: string | null): string | null {
  if (!service) return null;
  return SERVICES[service.toLowerCase()] ?? service;
}

export function normalizeMessage(
  body: Record<string, unknown>,
  source: "receive" | "status",
  receivedAt: Date,
): NormalizedMessage {
  const p: MessagePayload = messagePayloadSchema.parse(body);
  const missing: string[] = [];
  if (!p.message_handle) missing.push("message_handle");
  if (source === "status" && !p.status) missing.push("status");

  const direction: Direction =
    source === "receive"
      ? p.is_outbound === true
        ? "outbound"
        : "inbound"
      : p.is_outbound === false
        ? "inbound"
        : "outbound";
  const inbound = direction === "inbound";
  const lineNumber = p.sendblue_number ?? (inbound ? p.to_number : p.from_number);
  const contactNumber = p.number ?? (inbound ? p.from_number : p.to_number);
  const groupId = p.group_id;
  if (!groupId && !contactNumber) missing.push("number (or from_number/to_number, or group_id)");
  if (missing.length) throw new MissingFieldsError(missing);
  const long = tooLong(p);
  if (long.length) throw new FieldsTooLongError(long);

  const status = normalizeStatus(p.status ?? (inbound ? "RECEIVED" : "SENT"));
  const errorCode = isErrorCode(p.error_code) ? p.error_code : null;
  return {
    handle: p.message_handle!,
    direction,
    lineNumber,
    contactNumber: groupId ? (inbound ? (p.from_number ?? contactNumber) : null) : contactNumber,
    groupId,
    groupName: p.group_display_name,
    participants: p.participants,
    service: normalizeService(p.service),
    content: p.content ?? "",
    status,
    statusRank: statusRank(status),
    errorCode,
    errorMessage: p.error_message,
    errorReason: p.error_reason,
    errorDetail: p.error_detail,
    sentAt: p.date_sent ?? p.date_updated ?? receivedAt,
    sourceUpdatedAt: p.date_updated,
    mediaUrl: p.media_url,
    sendStyle: p.send_style,
    wasDowngraded: p.was_downgraded,
    messageType: p.message_type,
    fromNumber: p.from_number,
    toNumber: p.to_number,
    senderNumber: inbound ? (p.from_number ?? contactNumber) : lineNumber,
    senderEmail: p.sender_email,
    optedOut: p.opted_out,
    // seat_id has no column; it rides in `extra` with the fields we do not model (read by lib/read/message-extras.ts).
    extra: withSeat(unknownFields(body, messagePayloadSchema), p.seat_id),
  };
}

function withSeat(
  extra: Record<string, unknown> | null,
  seatId: string | null | undefined,
): Record<string, unknown> | null {
  return seatId ? { ...extra, seat_id: seatId } : extra;
}
