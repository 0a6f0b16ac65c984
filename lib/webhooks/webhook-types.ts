// One URL per webhook type, because Sendblue's bodies carry no type field. `status` is the
// per-message status_callback target: same body as `outbound`, different proof of origin.

export const WEBHOOK_TYPES = [
  "receive",
  "outbound",
  "status",
  "typing_indicator",
  "call_log",
  "line_blocked",
  "line_assigned",
  "contact_created",
] as const;

export type WebhookType = (typeof WEBHOOK_TYPES)[number];

/** Accepts `typing_indicator` and `typing-indicator` alike. */
export function parseWebhookType(segment: string): WebhookType | null {
  const normalized = segment.trim().toLowerCase().replaceAll("-", "_");
  return (WEBHOOK_TYPES as readonly string[]).includes(normalized) ? (normalized as WebhookType) : null;
}

export type MessageWebhookType = "receive" | "outbound" | "status";

/** Message traffic, keyed by message_handle; the other types are deduplicated by a hash of their bytes. */
export function isMessageType(type: WebhookType): type is MessageWebhookType {
  return type === "receive" || type === "outbound" || type === "status";
}
