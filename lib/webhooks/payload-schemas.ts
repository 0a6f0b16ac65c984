import { z } from "zod";

// One lenient schema per Sendblue webhook body (README, "Point Sendblue at the inbox"). Real
// traffic differs from the docs: numbers arrive as strings and vice versa, `number` can
// be an array in group status bodies, nulls are common. Every schema is loose, so unknown
// fields pass through and are kept; a field of an unusable type reads as null rather than
// losing the whole event (the raw body still has it). Required fields are checked by the
// ingest step that needs them, which answers 422 naming them.

/** A string, or a number/boolean turned into one; blank becomes null. */
export const text = z
  .union([z.string(), z.number(), z.boolean()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return null;
    const s = String(v).trim();
    return s === "" ? null : s;
  })
  .catch(null);

/** Message text: kept exactly, whitespace included; only non-strings are converted. */
export const body = z
  .union([z.string(), z.number(), z.boolean()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)))
  .catch(null);

// Starts like a number (+, a digit or an area code's parenthesis) and holds at least three digits.
const PHONE_LIKE = /^(?=(?:\D*\d){3})[+(\d][\d\s().-]{2,23}$/;
const EMAIL_LIKE = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

// A number (with the usual formatting) or an iMessage email handle; anything else is not an
// address we can key a line, contact or group member on (the raw body still has it).
function address(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return PHONE_LIKE.test(s) || EMAIL_LIKE.test(s) ? s : null;
}

/** A phone number, or the first of an array of them. */
export const phone = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .nullish()
  .transform((v) => address(Array.isArray(v) ? v[0] : v))
  .catch(null);

export const phoneList = z
  .union([z.array(z.union([z.string(), z.number()])), z.string()])
  .nullish()
  .transform((v) => {
    const list = Array.isArray(v) ? v : typeof v === "string" ? v.split(",") : [];
    return list.map(address).filter((n): n is string => n !== null);
  })
  .catch([]);

export const flag = z
  .union([z.boolean(), z.string(), z.number()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === "") return null;
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    return ["true", "1", "yes"].includes(v.trim().toLowerCase());
  })
  .catch(null);

export const integer = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === "") return null;
    const n = Math.round(Number(v));
    // Stored in a 32-bit column; a call longer than 68 years is a garbled value, not a call.
    return Number.isFinite(n) && Math.abs(n) <= 2_147_483_647 ? n : null;
  })
  .catch(null);

// A year outside 1–9999 serializes as "+010000-…" or "-000001-…", which PostgreSQL refuses;
// no real event is dated there, so such a value counts as one that does not parse.
const FIRST_TIME = Date.parse("0001-01-01T00:00:00Z");
const LAST_TIME = Date.parse("9999-12-31T23:59:59.999Z");
const inIsoRange = (d: Date) => d.getTime() >= FIRST_TIME && d.getTime() <= LAST_TIME;

export const timestamp = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === "") return null;
    // Epoch seconds or milliseconds, or any string Date understands.
    const d = typeof v === "number" ? new Date(v < 1e12 ? v * 1000 : v) : new Date(v);
    return inIsoRange(d) ? d : null;
  })
  .catch(null);

/** `receive`, `outbound` and status-callback bodies share this shape. */
export const messagePayloadSchema = z.looseObject({
  message_handle: text,
  accountEmail: text,
  content: body,
  is_outbound: flag,
  status: text,
  error_code: text,
  error_message: text,
  error_reason: text,
  error_detail: text,
  date_sent: timestamp,
  date_updated: timestamp,
  from_number: phone,
  number: phone,
  to_number: phone,
  sendblue_number: phone,
  was_downgraded: flag,
  plan: text,
  media_url: text,
  message_type: text,
  group_id: text,
  participants: phoneList,
  send_style: text,
  opted_out: flag,
  service: text,
  group_display_name: text,
  sender_email: text,
  seat_id: text,
});
export type MessagePayload = z.infer<typeof messagePayloadSchema>;

export const typingPayloadSchema = z.looseObject({
  number: phone,
  from_number: phone,
  sendblue_number: phone,
  is_typing: flag,
  timestamp: timestamp,
});

export const callLogPayloadSchema = z.looseObject({
  event_type: text,
  number: phone,
  from_number: phone,
  to_number: phone,
  sendblue_number: phone,
  direction: text,
  is_outbound: flag,
  disposition: text,
  status: text,
  duration: integer,
  duration_seconds: integer,
  call_duration: integer,
  transcript: text,
  timestamp: timestamp,
  date: timestamp,
  started_at: timestamp,
  created_at: timestamp,
  date_sent: timestamp,
});

export const linePayloadSchema = z.looseObject({
  sendblue_number: phone,
  number: phone,
  phone_number: phone,
  line: phone,
  assignment: text,
  status: text,
  reason: text,
  timestamp: timestamp,
  date: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
});

export const contactPayloadSchema = z.looseObject({
  contact_id: text,
  id: text,
  phone: phone,
  phone_number: phone,
  number: phone,
  first_name: text,
  last_name: text,
  firstName: text,
  lastName: text,
  company_name: text,
  tags: z
    .array(z.union([z.string(), z.number()]))
    .nullish()
    .catch(null)
    .transform((v) => (v ?? []).map(String)),
  opt_out: flag,
  opted_out: flag,
  sendblue_number: phone,
  verified: flag,
  created_at: timestamp,
});

/** Fields of a body that none of our columns hold, kept as-is. */
export function unknownFields(body: Record<string, unknown>, schema: z.ZodObject): Record<string, unknown> | null {
  const known = new Set(Object.keys(schema.shape));
  const rest = Object.fromEntries(Object.entries(body).filter(([k]) => !known.has(k)));
  return Object.keys(rest).length ? rest : null;
}
