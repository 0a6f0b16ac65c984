import { activityText } from "@/lib/activity/activity-text";
import { formatPhone, formatPhonesIn } from "@/lib/format/phone-number";
import type { ConversationView } from "@/lib/read/list-conversations";
import type { ThreadEvent } from "@/lib/read/list-thread-events";
import { byteSize, duration, mediaLabel, REACTION_EMOJI, serviceName } from "@/components/inbox/format";
import { statusLabel } from "@/components/inbox/message-status";
import { escapeHtml, link } from "./html";
import { absoluteUrl, lineLabel, senderLabel } from "./sender-label";
import type { MessageView, ThreadPage } from "./thread-pages";
import { TRANSCRIPT_CSS } from "./transcript-style";
import type { ZoneFormat } from "./zone-format";

// A conversation as a standalone, printable HTML document, written in three parts so it
// can be streamed: the head (title and facts), one fragment per page of the thread, the foot.
// Entries are drawn as the thread draws them: messages and events by time (a message first
// on a tie), a heading per day, line assignments left out. Every value goes through
// escapeHtml or link (./html.ts): no text from a message, name or file becomes markup.

export type TranscriptInfo = {
  conversation: ConversationView;
  /** Group members' display names, in the conversation's order. */
  people: string[];
  range: { first: string | null; last: string | null; count: number };
  origin: string;
  time: ZoneFormat;
  exportedAt: Date;
  exportedBy: string | null;
};

/** What the page writer carries from one page to the next. */
export type TranscriptState = { day: string | null };

// No script, no remote anything: the file is inert wherever it is opened.
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function transcriptHead(info: TranscriptInfo): string {
  const c = info.conversation;
  const title = formatPhonesIn(c.title);
  const facts: [string, string][] = [];
  const line = lineLabel(c);
  if (line) facts.push(["Line", escapeHtml(line)]);
  if (c.kind === "group") facts.push(["Participants", escapeHtml(info.people.join(", ") || "—")]);
  else if (c.contactNumber) {
    const who = [
      c.contact?.name,
      formatPhone(c.contactNumber),
      c.contact?.company && c.contact.company !== c.contact.name ? c.contact.company : null,
    ];
    facts.push(["Contact", escapeHtml(who.filter(Boolean).join(" · "))]);
  }
  const { first, last, count } = info.range;
  facts.push(["Messages", escapeHtml(count.toLocaleString("en-US"))]);
  if (first && last)
    facts.push([
      "Dates",
      `${timeTag(info, first, info.time.date(first))} – ${timeTag(info, last, info.time.date(last))}`,
    ]);
  if (c.labels.length) facts.push(["Labels", escapeHtml(c.labels.map((l) => l.name).join(", "))]);
  facts.push(["Times", escapeHtml(`${info.time.timeZone} (${info.time.zoneAbbreviation(info.exportedAt)})`)]);
  const exported = info.time.dateTime(info.exportedAt) + (info.exportedBy ? ` by ${info.exportedBy}` : "");
  facts.push(["Exported", escapeHtml(exported)]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Conversation transcript</title>
<style>${TRANSCRIPT_CSS}</style>
</head>
<body>
<header>
<p class="eyebrow">Conversation transcript</p>
<h1>${escapeHtml(title)}</h1>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join("\n")}
</dl>
</header>
<main>
`;
}

export function transcriptPage(
  page: ThreadPage,
  info: TranscriptInfo,
  state: TranscriptState,
  names: Map<string, string | null>,
): string {
  type Entry = { at: string; message?: MessageView; event?: ThreadEvent };
  const entries: Entry[] = ([] as Entry[]).concat(
    page.messages.map((m) => ({ at: m.sentAt, message: m })),
    page.events.filter((e) => !(e.type === "line" && e.kind === "assigned")).map((e) => ({ at: e.at, event: e })),
  );
  entries.sort((a, b) => a.at.localeCompare(b.at) || (a.message ? 0 : 1) - (b.message ? 0 : 1));
  let html = "";
  for (const entry of entries) {
    const day = info.time.dayKey(entry.at);
    if (day !== state.day) {
      state.day = day;
      html += `<h2 class="day">${escapeHtml(info.time.day(entry.at))}</h2>\n`;
    }
    html += entry.message ? messageHtml(entry.message, info, names) : eventHtml(entry.event!, info);
  }
  return html;
}

export function transcriptFoot(info: TranscriptInfo): string {
  const empty = info.range.count === 0 ? `<p class="activity">No messages.</p>\n` : "";
  return `${empty}</main>
<footer>Exported from Sendblue Inbox (${escapeHtml(info.origin)}) on ${escapeHtml(info.time.dateTime(info.exportedAt))}. Attachment links open our stored copies and need a sign-in.</footer>
</body>
</html>
`;
}

function timeTag(info: TranscriptInfo, iso: string, text = info.time.time(iso)): string {
  return `<time datetime="${escapeHtml(iso)}" title="${escapeHtml(info.time.dateTime(iso))}">${escapeHtml(text)}</time>`;
}

function messageHtml(m: MessageView, info: TranscriptInfo, names: Map<string, string | null>): string {
  const c = info.conversation;
  const outbound = m.direction === "outbound";
  const status = outbound ? statusLabel(m) : null;
  const meta = [
    `<span class="who">${escapeHtml(senderLabel(m, c))}</span>`,
    `<span class="dir">${outbound ? "sent" : "received"}</span>`,
    timeTag(info, m.sentAt),
    m.service ? `<span class="service">${escapeHtml(serviceName(m.service) ?? m.service)}</span>` : "",
    status
      ? `<span class="status${status.failed ? " failed" : ""}">${escapeHtml(status.text)}${m.wasDowngraded && status.text !== "Sent as SMS" ? " · sent as SMS" : ""}</span>`
      : "",
  ].filter(Boolean);
  const parts = [`<div class="meta">${meta.join(" ")}</div>`];
  if (m.replyQuote) {
    const whose = m.replyQuote.direction === "outbound" ? "us" : m.replyQuote.direction === "inbound" ? "them" : null;
    parts.push(
      `<blockquote class="quote">Replying to${whose ? ` ${whose}` : ""}: ${escapeHtml(m.replyQuote.preview)}</blockquote>`,
    );
  }
  const hasBody = Boolean(m.content) || (m.media.length === 0 && !m.location && !m.appCard);
  if (hasBody)
    parts.push(
      m.content ? `<p class="text">${escapeHtml(m.content)}</p>` : `<p class="text empty">(empty message)</p>`,
    );
  if (m.media.length)
    parts.push(`<ul class="attachments">${m.media.map((a) => attachmentHtml(a, info)).join("")}</ul>`);
  if (m.location) {
    const { latitude, longitude } = m.location;
    parts.push(`<p class="extra">Shared a location: ${link(m.location.mapUrl, `${latitude}, ${longitude}`)}</p>`);
  }
  if (m.appCard) {
    const card = [m.appCard.app, m.appCard.title, ...m.appCard.lines].filter(Boolean).join(" · ");
    parts.push(
      `<p class="extra">App card: ${escapeHtml(card || "(no text)")}${m.appCard.url ? ` ${link(m.appCard.url, m.appCard.url)}` : ""}</p>`,
    );
  }
  if (m.reactions.length)
    parts.push(
      `<p class="reactions">Reactions: ${escapeHtml(m.reactions.map((r) => reactionText(r, c, names)).join(", "))}</p>`,
    );
  const classes = ["msg", outbound ? "out" : "in", status?.failed ? "failed" : ""].filter(Boolean).join(" ");
  return `<article class="${classes}" id="message-${escapeHtml(m.handle)}">${parts.join("")}</article>\n`;
}

function attachmentHtml(a: MessageView["media"][number], info: TranscriptInfo): string {
  const kept = a.state === "kept" && a.url.startsWith("/");
  const name = a.card?.name ?? a.fileName ?? mediaLabel(a.kind);
  const detail = [
    mediaLabel(a.kind),
    a.contentType,
    byteSize(a.byteSize),
    kept ? null : "Sendblue's link, which expires 30 days after sending",
  ]
    .filter(Boolean)
    .join(" · ");
  return `<li>${link(absoluteUrl(info.origin, a.url), name)} <span class="detail">(${escapeHtml(detail)})</span></li>`;
}

function reactionText(
  r: MessageView["reactions"][number],
  c: ConversationView,
  names: Map<string, string | null>,
): string {
  const glyph = r.reaction === "emoji" ? (r.emoji ?? "•") : (REACTION_EMOJI[r.reaction] ?? r.reaction);
  const who =
    r.direction === "outbound"
      ? "us"
      : c.kind === "direct"
        ? formatPhonesIn(c.title)
        : r.senderNumber
          ? (names.get(r.senderNumber) ?? formatPhone(r.senderNumber))
          : "them";
  return `${glyph} from ${who}${r.partIndex ? ` on part ${r.partIndex + 1}` : ""}`;
}

function eventHtml(e: ThreadEvent, info: TranscriptInfo): string {
  if (e.type === "note") {
    return `<aside class="note" aria-label="Internal note"><div class="meta"><span class="label">Internal note</span> <span class="who">${escapeHtml(e.note.author.name)}</span> ${timeTag(info, e.at)}</div><p class="text">${escapeHtml(e.note.body)}</p></aside>\n`;
  }
  if (e.type === "activity") {
    return `<p class="activity">${escapeHtml(activityText(e, info.time.dateTime))} · ${timeTag(info, e.at)}</p>\n`;
  }
  if (e.type === "line") {
    return `<p class="line-event">Line ${escapeHtml(formatPhone(e.lineNumber))} was ${escapeHtml(e.kind)} · ${timeTag(info, e.at)}</p>\n`;
  }
  const inbound = !/^out/i.test(e.direction ?? "");
  const summary = [
    inbound ? "Incoming call" : "Outgoing call",
    e.disposition?.replaceAll("_", " "),
    duration(e.durationSeconds),
  ]
    .filter(Boolean)
    .join(" · ");
  const transcript = e.transcript ? `<p class="text">Transcript: ${escapeHtml(e.transcript)}</p>` : "";
  return `<div class="call"><div class="meta"><span class="who">${escapeHtml(summary)}</span> ${timeTag(info, e.at)}</div>${transcript}</div>\n`;
}
