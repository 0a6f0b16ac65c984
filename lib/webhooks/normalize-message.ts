import type { Direction } from "@/lib/generated/prisma/enums";
import { messagePayloadSchema, unknownFields, type MessagePayload } from "./payload-schemas";
import { isErrorCode, normalizeStatus, statusRank } from "./status-rank";

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

export class MissingFieldsError extends Error {
  constructor(readonly fields: string[]) {
    super(`Missing required field${fields.length > 1 ? "s" : ""}: ${fields.join(", ")}`);
  }
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
    source === "receive" ? (p.is_outbound === true ? "outbound" : "inbound") : p.is_outbound === false ? "inbound" : "outbound";
  const inbound = direction === "inbound";
  const lineNumber = p.sendblue_number ?? (inbound ? p.to_number : p.from_number);
  const contactNumber = p.number ?? (inbound ? p.from_number : p.to_number);
  const groupId = p.group_id;
  if (!groupId && !contactNumber) missing.push("number (or from_number/to_number, or group_id)");
  if (missing.length) throw new MissingFieldsError(missing);

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
    extra: unknownFields(body, messagePayloadSchema),
  };
}
