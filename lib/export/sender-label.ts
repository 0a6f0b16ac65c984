import { formatPhone, formatPhonesIn } from "@/lib/format/phone-number";

// Who wrote a message, as a person reads it in an export: the contact (a group's member by
// name where known), or for a reply the member who sent it from the inbox, the Sendblue seat
// that sent it from Sendblue's app, else the line itself.

type Conversation = { kind: "direct" | "group"; title: string; line: string | null; lineName?: string | null };
type Message = {
  direction: "inbound" | "outbound";
  senderNumber: string | null;
  senderName?: string | null;
  sentBy: string | null;
  senderEmail: string | null;
};

export function lineLabel(c: Pick<Conversation, "line" | "lineName">): string | null {
  if (!c.line) return null;
  return c.lineName ? `${c.lineName} (${formatPhone(c.line)})` : formatPhone(c.line);
}

export function senderLabel(m: Message, c: Conversation): string {
  if (m.direction === "inbound") {
    if (c.kind === "direct") return formatPhonesIn(c.title);
    return m.senderName ?? (m.senderNumber ? formatPhone(m.senderNumber) : "Unknown sender");
  }
  if (m.sentBy) return m.sentBy;
  if (m.senderEmail) return `${m.senderEmail} (in Sendblue)`;
  return lineLabel(c) ?? "Sent";
}

/** Where a link to the app or to our copy of a file points: paths made absolute on our origin. */
export function absoluteUrl(origin: string, url: string): string {
  return url.startsWith("/") && !url.startsWith("//") ? `${origin}${url}` : url;
}
