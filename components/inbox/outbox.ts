// What an agent wrote must survive a failed send and a reload: the composer's draft and
// every submitted reply the server has not yet accepted are kept in localStorage, per
// conversation, and removed once the server answers for them.

export type OutboxEntry = {
  clientId: string;
  content: string;
  mediaUrl: string | null;
  sendStyle: string | null;
  /** The handle of the message this answers inline, if any. */
  replyTo?: string | null;
  createdAt: string;
};

const draftKey = (conversationId: number) => `sendblue-inbox:draft:${conversationId}`;
const outboxKey = (conversationId: number) => `sendblue-inbox:outbox:${conversationId}`;

// Storage can be missing, full or refused (private windows): then nothing is kept, and
// nothing breaks.
function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // not kept
  }
}

export function loadDraft(conversationId: number): string {
  return read(draftKey(conversationId)) ?? "";
}

export function saveDraft(conversationId: number, text: string) {
  write(draftKey(conversationId), text ? text : null);
}

export function loadOutbox(conversationId: number): OutboxEntry[] {
  try {
    const parsed = JSON.parse(read(outboxKey(conversationId)) ?? "[]") as unknown;
    return Array.isArray(parsed)
      ? parsed.filter((e): e is OutboxEntry => typeof e?.clientId === "string" && typeof e?.content === "string")
      : [];
  } catch {
    return [];
  }
}

export function keepInOutbox(conversationId: number, entry: OutboxEntry) {
  const rest = loadOutbox(conversationId).filter((e) => e.clientId !== entry.clientId);
  write(outboxKey(conversationId), JSON.stringify([...rest, entry]));
}

export function removeFromOutbox(conversationId: number, clientId: string) {
  const rest = loadOutbox(conversationId).filter((e) => e.clientId !== clientId);
  write(outboxKey(conversationId), rest.length ? JSON.stringify(rest) : null);
}

// Retry and Edit on a bubble that never reached the server are handled by the open
// thread's composer, which owns the send; bubbles find it here.
export type UnsentActions = { retry: (clientId: string) => void; edit: (clientId: string) => void };
let unsentActions: UnsentActions | null = null;

export function setUnsentActions(actions: UnsentActions | null) {
  unsentActions = actions;
}

export function currentUnsentActions(): UnsentActions | null {
  return unsentActions;
}
