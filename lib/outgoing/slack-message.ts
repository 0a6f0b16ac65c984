// One Slack post for a batch of events (Slack incoming-webhook format: { text }). Lists up
// to MAX_LINES events and counts the rest, so a burst is one readable message.

export type SlackEvent = { eventType: string; data: unknown };

const MAX_LINES = 15;
const PREVIEW_CHARS = 140;

type MessageData = {
  message: {
    content: string;
    status: string;
    direction: string;
    senderNumber: string | null;
    error: { message: string | null } | null;
  };
  conversation: { id: number; line: string | null; contactNumber: string | null; groupId: string | null };
};

/** Slack mrkdwn needs &, < and > escaped in text it should not read as markup. */
const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat || "(attachment)";
}

function line(e: SlackEvent, publicUrl: string | null): string {
  const d = e.data as MessageData;
  const who = d.conversation.contactNumber ?? d.message.senderNumber ?? "a group";
  const link = publicUrl ? ` <${publicUrl}/?c=${d.conversation.id}|Open>` : "";
  const on = d.conversation.line ? ` on ${d.conversation.line}` : "";
  if (e.eventType === "message.received")
    return `• *${escapeText(who)}*${on}: ${escapeText(preview(d.message.content))}${link}`;
  return `• :warning: Send to *${escapeText(who)}* failed (${escapeText(d.message.error?.message ?? d.message.status)}): ${escapeText(preview(d.message.content))}${link}`;
}

export function slackBody(events: SlackEvent[], publicUrl: string | null): string {
  const base = publicUrl?.replace(/\/+$/, "") ?? null;
  const received = events.filter((e) => e.eventType === "message.received").length;
  const failed = events.length - received;
  const heading = [
    received && `${received} new message${received > 1 ? "s" : ""}`,
    failed && `${failed} failed send${failed > 1 ? "s" : ""}`,
  ]
    .filter(Boolean)
    .join(", ");
  const lines = events.slice(0, MAX_LINES).map((e) => line(e, base));
  if (events.length > MAX_LINES) lines.push(`…and ${events.length - MAX_LINES} more`);
  return JSON.stringify({ text: `*Sendblue Inbox:* ${heading}\n${lines.join("\n")}` });
}
