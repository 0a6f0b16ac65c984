"use client";

import { useEffect, useRef } from "react";
import useSWR from "swr";
import type { PresenceView } from "@/lib/presence/presence";
import { getJson, sendSignal } from "@/components/shell/api-client";
import { subscribeLive } from "./live-store";

// This member's presence in an open thread, and everyone else's. A heartbeat goes out every
// HEARTBEAT_MS: "replying" while they have typed in the reply box or the note box within
// REPLYING_MS, else "viewing"; starting to type is sent at once. Closing the thread says
// "left". Others' presence is refetched on each presence event and on a timer, so someone
// whose browser vanished drops out when their row expires (lib/presence/presence.ts).

const HEARTBEAT_MS = 10_000;
const REPLYING_MS = 8_000;

export function usePresence(conversationId: number): PresenceView[] {
  const lastInput = useRef(0);
  const sent = useRef<string | null>(null);
  const { data, mutate } = useSWR<{ present: PresenceView[] }>(
    `/api/conversations/${conversationId}/presence`,
    getJson,
    {
      refreshInterval: HEARTBEAT_MS,
    },
  );

  useEffect(() => {
    const post = (state: "viewing" | "replying" | "left") => {
      sent.current = state;
      return sendSignal(`/api/conversations/${conversationId}/presence`, { state }, { keepalive: state === "left" });
    };
    const current = () => (Date.now() - lastInput.current < REPLYING_MS ? "replying" : "viewing");
    // Typing in this thread's reply or note box (their ids end with the conversation id).
    const onInput = (e: Event) => {
      const id = (e.target as HTMLElement | null)?.id ?? "";
      if (id !== `composer-${conversationId}` && id !== `note-${conversationId}`) return;
      lastInput.current = Date.now();
      if (sent.current !== "replying") void post("replying");
    };
    void post("viewing");
    const beat = setInterval(() => void post(current()), HEARTBEAT_MS);
    document.addEventListener("input", onInput);
    const leave = () => void post("left");
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(beat);
      document.removeEventListener("input", onInput);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [conversationId]);

  useEffect(
    () =>
      subscribeLive((m) => {
        if (
          m.kind === "resync" ||
          (m.event.type === "presence" && m.event.conversationId === conversationId) ||
          m.event.type === "members"
        ) {
          void mutate();
        }
      }),
    [conversationId, mutate],
  );

  const now = Date.now();
  return (data?.present ?? []).filter((p) => Date.parse(p.expiresAt) > now);
}
