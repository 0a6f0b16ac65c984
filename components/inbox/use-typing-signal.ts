"use client";

import { useEffect, useRef } from "react";
import { sendSignal } from "@/components/shell/api-client";

// What the reply box tells the contact through Sendblue's typing indicator, where the line
// can show one: "start" at most once every TYPING_REFRESH_MS while the text changes, "stop"
// after TYPING_IDLE_MS without a change, when the box is emptied, and when the reply goes.

const TYPING_REFRESH_MS = 5000;
const TYPING_IDLE_MS = 4000;

type TypingState = { lastStart: number; idle: ReturnType<typeof setTimeout> | null };

export type TypingSignal = {
  /** The box now holds `text`. */
  typed(text: string): void;
  /** The reply went: "stop" if a "start" is standing. */
  sent(): void;
};

export function useTypingSignal(conversationId: number, enabled: boolean): TypingSignal {
  const state = useRef<TypingState>({ lastStart: 0, idle: null });
  useEffect(
    () => () => {
      if (state.current.idle) clearTimeout(state.current.idle);
    },
    [],
  );

  // Bound to this render's conversation, so a "stop" due after switching threads still goes
  // to the thread it was typed in.
  const signal = (typing: "start" | "stop") => {
    if (enabled) void sendSignal(`/api/conversations/${conversationId}/typing`, { state: typing });
  };
  return {
    typed(text) {
      const t = state.current;
      if (t.idle) clearTimeout(t.idle);
      if (!text.trim()) {
        if (t.lastStart) signal("stop");
        t.lastStart = 0;
        return;
      }
      if (Date.now() - t.lastStart > TYPING_REFRESH_MS) {
        t.lastStart = Date.now();
        signal("start");
      }
      t.idle = setTimeout(() => {
        t.lastStart = 0;
        signal("stop");
      }, TYPING_IDLE_MS);
    },
    sent() {
      if (state.current.lastStart) signal("stop");
      state.current.lastStart = 0;
    },
  };
}
