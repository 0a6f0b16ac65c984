"use client";

import { useSyncExternalStore } from "react";

// Which message the composer answers inline ("Reply to this message" on a bubble), per
// conversation, shared by the bubbles and the composer without threading props through
// the thread. Cleared when the reply is sent or the chip's ✕ is pressed.

export type ReplyTarget = { handle: string; preview: string; direction: "inbound" | "outbound" };

const targets = new Map<number, ReplyTarget>();
const listeners = new Set<() => void>();

export function setReplyTarget(conversationId: number, target: ReplyTarget | null): void {
  if (target) targets.set(conversationId, target);
  else targets.delete(conversationId);
  for (const l of listeners) l();
}

export function useReplyTarget(conversationId: number): ReplyTarget | null {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => targets.get(conversationId) ?? null,
    () => null,
  );
}
