import type { MessagePage, MessageView, ThreadEvent } from "./api";
import { dayLabel, isSameDay, timeOfDay } from "./format";

// Flattens a thread window into what is drawn, in order: day separators, bubbles with
// their grouping, and call/line entries between them.

const GROUP_GAP_MS = 5 * 60_000;
/** A quiet spell this long gets its own time header, as the Messages app does. */
export const TIME_HEADER_GAP_MS = 60 * 60_000;

export type ThreadItem =
  | { type: "day"; key: string; label: string }
  | {
      type: "message";
      key: string;
      message: MessageView;
      first: boolean;
      last: boolean;
      senderLabel: string | null;
      showStatus: boolean;
    }
  | { type: "event"; key: string; event: ThreadEvent };

export function threadItems(page: MessagePage, isGroup: boolean, now = new Date()): ThreadItem[] {
  type Entry = { at: string; message?: MessageView; event?: ThreadEvent };
  const entries: Entry[] = ([] as Entry[])
    .concat(
      page.messages.map((m) => ({ at: m.sentAt, message: m })),
      // A line being assigned is an account matter, not part of the customer's conversation (the
      // Lines page lists it); dropped before headers are placed so it leaves no empty one behind.
      page.events.filter((e) => !(e.type === "line" && e.kind === "assigned")).map((e) => ({ at: e.at, event: e })),
    )
    .sort((a, b) => a.at.localeCompare(b.at) || (a.message ? 0 : 1) - (b.message ? 0 : 1));

  const latestOutbound = [...page.messages].reverse().find((m) => m.direction === "outbound");
  const items: ThreadItem[] = [];
  let previousDay: Date | null = null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const day = new Date(entry.at);
    if (!previousDay || !isSameDay(previousDay, day)) {
      items.push({ type: "day", key: `day-${entry.at}`, label: `${dayLabel(entry.at, now)} ${timeOfDay(entry.at)}` });
    } else if (day.getTime() - previousDay.getTime() >= TIME_HEADER_GAP_MS) {
      items.push({ type: "day", key: `time-${entry.at}`, label: timeOfDay(entry.at) });
    }
    previousDay = day;
    if (entry.event) {
      items.push({ type: "event", key: entry.event.id, event: entry.event });
      continue;
    }
    const m = entry.message!;
    const prev = entries[i - 1]?.message;
    const next = entries[i + 1]?.message;
    const first = !prev || !sameRun(prev, m) || !entries[i - 1]?.message;
    const last = !next || !sameRun(m, next);
    const failed = ["FAILED", "ERROR", "DECLINED"].includes(m.status.toUpperCase());
    items.push({
      type: "message",
      key: m.handle,
      message: m,
      first,
      last,
      senderLabel:
        isGroup && m.direction === "inbound" && first ? (m.senderName ?? m.senderNumber ?? "Unknown sender") : null,
      showStatus: m.direction === "outbound" && (m === latestOutbound || failed),
    });
  }
  return items;
}

function sameRun(a: MessageView, b: MessageView): boolean {
  if (a.direction !== b.direction) return false;
  if (a.direction === "inbound" && a.senderNumber !== b.senderNumber) return false;
  const gap = new Date(b.sentAt).getTime() - new Date(a.sentAt).getTime();
  return gap < GROUP_GAP_MS && isSameDay(new Date(a.sentAt), new Date(b.sentAt));
}
