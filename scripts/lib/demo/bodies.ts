import { createHash } from "node:crypto";

// Sendblue-shaped webhook bodies (README, "Point Sendblue at the inbox"), including the variations
// real traffic shows: numbers vs strings, null display names, arrays in group status bodies.

export const ACCOUNT_EMAIL = "team@harborandpine.example";
export const MEDIA_HOST = "https://storage.googleapis.com/inbox-demo-media";

/** A Sendblue-looking message handle (uppercase UUID), stable for a given seed. */
export function handleFor(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex").toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-A${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type MessageFields = {
  handle: string;
  line: string;
  contact: string;
  content: string;
  at: Date;
  service?: "iMessage" | "SMS" | "RCS" | "sms";
  mediaUrl?: string;
  group?: { id: string; name: string | null; participants: string[] };
  sendStyle?: string;
  wasDowngraded?: boolean | null;
};

export function inboundMessage(f: MessageFields) {
  return {
    accountEmail: ACCOUNT_EMAIL,
    content: f.content,
    is_outbound: false,
    status: "RECEIVED",
    error_code: null,
    error_message: null,
    error_reason: null,
    error_detail: null,
    message_handle: f.handle,
    date_sent: f.at.toISOString(),
    date_updated: new Date(f.at.getTime() + 41).toISOString(),
    from_number: f.contact,
    number: f.contact,
    to_number: f.line,
    was_downgraded: f.wasDowngraded ?? null,
    plan: "dedicated",
    media_url: f.mediaUrl ?? "",
    message_type: f.group ? "group" : "message",
    group_id: f.group?.id ?? "",
    participants: f.group?.participants ?? [f.contact, f.line],
    send_style: "",
    opted_out: false,
    sendblue_number: f.line,
    service: f.service ?? "iMessage",
    group_display_name: f.group?.name ?? null,
  };
}

export type StatusFields = MessageFields & {
  status: string;
  updatedAt: Date;
  errorCode?: number | string | null;
  errorMessage?: string | null;
};

/** An `outbound` / status-callback body: the message we sent, at one point of its life. */
export function outboundStatus(f: StatusFields): Record<string, unknown> {
  const failed = f.errorCode !== undefined && f.errorCode !== null;
  return {
    ...inboundMessage(f),
    is_outbound: true,
    status: f.status,
    error_code: f.errorCode ?? null,
    error_message: f.errorMessage ?? null,
    error_reason: failed ? "blacklisted" : null,
    date_updated: f.updatedAt.toISOString(),
    from_number: f.line,
    // Group status bodies have shown the recipients as arrays.
    number: f.group ? f.group.participants.filter((n) => n !== f.line) : f.contact,
    to_number: f.group ? f.group.participants.filter((n) => n !== f.line) : f.contact,
    send_style: f.sendStyle ?? "",
    sender_email: "ops@harborandpine.example",
    seat_id: null,
  };
}

export function typing(line: string, contact: string, isTyping: boolean, at: Date) {
  return { number: contact, from_number: line, is_typing: isTyping, timestamp: at.toISOString() };
}

export function callLog(f: {
  line: string;
  contact: string;
  direction: "inbound" | "outbound";
  disposition: "connected" | "not_answered" | "voicemail";
  durationSeconds: number;
  transcript: string | null;
  at: Date;
}) {
  return {
    event_type: "call_log",
    sendblue_number: f.line,
    number: f.contact,
    from_number: f.direction === "inbound" ? f.contact : f.line,
    to_number: f.direction === "inbound" ? f.line : f.contact,
    direction: f.direction,
    disposition: f.disposition,
    duration: f.durationSeconds,
    transcript: f.transcript,
    timestamp: f.at.toISOString(),
    call_id: handleFor(`call:${f.line}:${f.contact}:${f.at.toISOString()}`),
  };
}

export function contactCreated(f: {
  number: string;
  line: string;
  firstName: string;
  lastName: string | null;
  company: string | null;
  tags: string[];
  at: Date;
}) {
  return {
    contact_id: handleFor(`contact:${f.number}`).toLowerCase(),
    phone: f.number,
    first_name: f.firstName,
    last_name: f.lastName,
    company_name: f.company,
    tags: f.tags,
    opt_out: false,
    sendblue_number: f.line,
    verified: true,
    created_at: f.at.toISOString(),
  };
}

export function lineEvent(f: { line: string; assignment?: string; status: string; reason?: string; at: Date }) {
  return {
    sendblue_number: f.line,
    ...(f.assignment ? { assignment: f.assignment } : {}),
    status: f.status,
    ...(f.reason ? { reason: f.reason } : {}),
    timestamp: f.at.toISOString(),
  };
}

export function media(name: string): string {
  return `${MEDIA_HOST}/${name}`;
}
