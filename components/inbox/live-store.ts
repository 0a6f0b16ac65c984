import { useSyncExternalStore } from "react";
import { TYPING_FRESH_MS } from "@/lib/read/typing-fresh";
import type { InboxEvent } from "@/lib/realtime/notify";

// Browser-side hub for live updates: one EventSource per tab publishes here, and the
// list, the thread and the typing indicators subscribe. Kept outside React state so a
// burst of events doesn't re-render the whole inbox.

/** `at`: when the stream delivered it (performance.now()), stamped by publishLive. */
export type LiveMessage = ({ kind: "event"; event: InboxEvent } | { kind: "resync" }) & { at?: number };
export type LiveMode = "connecting" | "live" | "polling";

const listeners = new Set<(m: LiveMessage) => void>();

export function publishLive(message: LiveMessage) {
  const stamped = { ...message, at: performance.now() };
  for (const fn of listeners) fn(stamped);
}

export function subscribeLive(fn: (m: LiveMessage) => void): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}

// Connection mode, read by the status pill and by SWR hooks that poll when not live.
let mode: LiveMode = "connecting";
const modeListeners = new Set<() => void>();

export function setLiveMode(next: LiveMode) {
  if (next === mode) return;
  mode = next;
  for (const fn of modeListeners) fn();
}

export function useLiveMode(): LiveMode {
  return useSyncExternalStore(
    (fn) => {
      modeListeners.add(fn);
      return () => modeListeners.delete(fn);
    },
    () => mode,
    () => "connecting" as LiveMode,
  );
}

export const POLL_MS = 5000;

// Typing: an indicator fades TYPING_FRESH_MS after its last update unless is_typing:false
// arrives first (lib/read/typing-fresh.ts).
const typing = new Map<number, number>(); // conversationId → expiry (ms epoch)
const timers = new Map<number, ReturnType<typeof setTimeout>>();
// When an indicator last ended here (faded, is_typing false, or a message arrived). The
// server's `typing` is at most TYPING_FRESH_MS old, so within that time after an end it is
// older news, and a refetched row must not bring the indicator back.
const ended = new Map<number, number>();
const typingListeners = new Set<() => void>();
let typingVersion = 0;

function emitTyping() {
  typingVersion++;
  for (const fn of typingListeners) fn();
}

export function setTyping(conversationId: number, isTyping: boolean, freshForMs = TYPING_FRESH_MS) {
  clearTimeout(timers.get(conversationId));
  timers.delete(conversationId);
  if (isTyping && freshForMs > 0) {
    typing.set(conversationId, Date.now() + freshForMs);
    timers.set(
      conversationId,
      setTimeout(() => {
        typing.delete(conversationId);
        timers.delete(conversationId);
        ended.set(conversationId, Date.now());
        emitTyping();
      }, freshForMs),
    );
  } else {
    typing.delete(conversationId);
    ended.set(conversationId, Date.now());
  }
  emitTyping();
}

/** Seeds from server data only if the live stream hasn't said anything newer. */
export function seedTyping(conversationId: number, isTyping: boolean) {
  if (!isTyping || typing.has(conversationId)) return;
  if (Date.now() - (ended.get(conversationId) ?? -Infinity) < TYPING_FRESH_MS) return;
  setTyping(conversationId, true);
}

export function useIsTyping(conversationId: number | null): boolean {
  useSyncExternalStore(
    (fn) => {
      typingListeners.add(fn);
      return () => typingListeners.delete(fn);
    },
    () => typingVersion,
    () => 0,
  );
  return conversationId !== null && typing.has(conversationId);
}
