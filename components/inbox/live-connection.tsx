"use client";

import { useEffect } from "react";
import { backToSignIn } from "@/components/shell/api-client";
import type { InboxEvent } from "@/lib/realtime/notify";
import { probeServer, reportReachable } from "./connection-state";
import { publishLive, setLiveMode, setTyping } from "./live-store";

// The tab's single EventSource on /api/events/stream. EventSource reconnects by itself;
// while it is down (or a host cuts long requests) the inbox polls instead, and every
// reconnect triggers a resync so nothing missed in between stays missing.

const GIVE_UP_AFTER_MS = 4000;
// A stream down this long is checked against /api/health: is the server itself away?
const CHECK_SERVER_AFTER_MS = 1500;

export function LiveConnection() {
  useEffect(() => {
    if (typeof EventSource === "undefined") {
      setLiveMode("polling");
      return;
    }
    let source: EventSource | null = null;
    let everOpened = false;
    let downSince: number | null = Date.now();
    let retry: ReturnType<typeof setTimeout> | undefined;

    let checkedSince: number | null = null;
    const check = setInterval(() => {
      if (downSince !== null && Date.now() - downSince > GIVE_UP_AFTER_MS) setLiveMode("polling");
      // Once per outage; while it lasts, connection-state keeps checking by itself.
      if (
        downSince !== null &&
        everOpened &&
        checkedSince !== downSince &&
        Date.now() - downSince > CHECK_SERVER_AFTER_MS
      ) {
        checkedSince = downSince;
        void probeServer();
      }
    }, 500);

    const open = () => {
      source = new EventSource("/api/events/stream");
      source.addEventListener("ready", () => {
        downSince = null;
        setLiveMode("live");
        reportReachable();
        if (everOpened) publishLive({ kind: "resync" });
        everOpened = true;
      });
      source.addEventListener("resync", () => publishLive({ kind: "resync" }));
      // This session was signed out elsewhere, or the member disabled: back to sign-in.
      source.addEventListener("signed-out", () => {
        source?.close();
        backToSignIn();
      });
      source.addEventListener("inbox", (e) => {
        let event: InboxEvent;
        try {
          event = JSON.parse((e as MessageEvent<string>).data) as InboxEvent;
        } catch {
          return;
        }
        if (event.type === "typing") setTyping(event.conversationId, event.isTyping);
        if (event.type === "message") setTyping(event.conversationId, false);
        publishLive({ kind: "event", event });
      });
      source.onerror = () => {
        downSince ??= Date.now();
        // A closed source (e.g. 401 or a proxy that refuses streams) will not retry on its own.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(open, 5000);
        }
      };
    };
    open();

    return () => {
      clearInterval(check);
      clearTimeout(retry);
      source?.close();
    };
  }, []);
  return null;
}
