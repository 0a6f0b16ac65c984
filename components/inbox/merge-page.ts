import type { MessagePage, MessageView } from "./api";

// Merging answers into a thread's loaded window. Several reads of one message can be in
// flight at once (each live event starts one, refreshes read whole pages), and a loaded
// server answers them in any order: a copy read while a reply was still SENDING can land
// after the one that says it failed, and would put "Sending…" back for good. So each read
// is numbered when it starts, and a copy from an earlier read never replaces one from a
// later read. Every change the server makes is announced and read after it is committed,
// so the latest read is never the one dropped.
//
// Not by status rank (a retry rightly takes a failed reply back to SENDING) nor by
// updatedAt (written by the app's clock and the database's, and not by every change).

let reads = 0;
const readNumber = new WeakMap<MessageView, number>();

/** Numbers a read as it starts; call the result with the messages it answered. */
export function startRead(): (messages: MessageView[]) => void {
  const n = ++reads;
  return (messages) => {
    for (const m of messages) readNumber.set(m, n);
  };
}

// This tab's own copies (optimistic replies) are unnumbered: they give way to any copy the
// server sent and never replace one.
const numberOf = (m: MessageView) => readNumber.get(m) ?? -Infinity;

const byTime = (a: { sentAt: string; id: number }, b: { sentAt: string; id: number }) =>
  a.sentAt.localeCompare(b.sentAt) || a.id - b.id;

export function mergePage(prev: MessagePage, page: MessagePage): MessagePage {
  const messages = new Map<string, MessageView>(prev.messages.map((m) => [m.handle, m]));
  // A reply shows under a placeholder handle until Sendblue's own handle replaces it (and
  // again under a new one after a retry); its clientId never changes.
  const handleOf = new Map<string, string>();
  for (const m of prev.messages) if (m.clientId) handleOf.set(m.clientId, m.handle);
  for (const m of page.messages) {
    const sameReply = m.clientId ? handleOf.get(m.clientId) : undefined;
    const copies = [m.handle, sameReply].flatMap((h) => (h !== undefined && messages.has(h) ? [h] : []));
    if (copies.some((h) => numberOf(messages.get(h)!) > numberOf(m))) continue;
    for (const h of copies) messages.delete(h);
    messages.set(m.handle, m);
    if (m.clientId) handleOf.set(m.clientId, m.handle);
  }
  const events = new Map(prev.events.map((e) => [e.id, e]));
  for (const e of page.events) events.set(e.id, e);
  return {
    ...prev,
    messages: [...messages.values()].sort(byTime),
    events: [...events.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
  };
}
