import type { MessageView } from "./api";

// How a status reads under an outbound bubble.

const FAILED = new Set(["DECLINED", "ERROR", "FAILED"]);
const PENDING = new Set(["REGISTERED", "PENDING", "QUEUED", "ACCEPTED", "SENDING"]);

export type StatusLabel = { text: string; failed: boolean };

export function statusLabel(m: Pick<MessageView, "status" | "error" | "wasDowngraded" | "service">): StatusLabel {
  const s = m.status.toUpperCase();
  // Only in this tab: a reply the inbox server never received (see use-reply-sender).
  if (s === "UNSENT") return { text: m.error?.message ? `Not sent — ${m.error.message}` : "Not sent", failed: true };
  if (FAILED.has(s)) {
    const detail = m.error?.message || m.error?.reason || (m.error?.code ? `error ${m.error.code}` : null);
    return { text: detail ? `Failed: ${detail}` : "Failed", failed: true };
  }
  if (PENDING.has(s)) return { text: "Sending…", failed: false };
  if (s === "SENT") return { text: m.wasDowngraded ? "Sent as SMS" : "Sent", failed: false };
  if (s === "DELIVERED") return { text: "Delivered", failed: false };
  if (s === "READ") return { text: "Read", failed: false };
  return { text: s.charAt(0) + s.slice(1).toLowerCase(), failed: false };
}
