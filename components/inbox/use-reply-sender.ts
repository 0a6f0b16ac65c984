"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { placeholderHandle } from "@/lib/send/placeholder-handle";
import type { MessageView } from "./api";
import { reportReachable, reportUnreachable } from "./connection-state";
import { keepInOutbox, loadOutbox, removeFromOutbox, setUnsentActions, type OutboxEntry } from "./outbox";

// Sending one reply, and what happens when it does not go through. A reply stays in the
// outbox (localStorage) until the server has answered for it; a request that fails or gets
// no answer within SEND_TIMEOUT_MS leaves a "Not sent" bubble with Retry (the same clientId,
// so a request that did arrive is not sent twice) and Edit; an expired session or a refusal
// gives the text back to the composer.

export const SEND_TIMEOUT_MS = 8000;

/** Changes to the thread's loaded window for messages only this tab knows about. */
export type LocalMessages = {
  add: (message: MessageView) => unknown;
  update: (handle: string, patch: Partial<MessageView>) => unknown;
  remove: (handle: string) => unknown;
};

type Outcome =
  | { kind: "accepted" }
  | { kind: "signed-out" }
  | { kind: "refused"; message: string }
  | { kind: "unreachable"; message: string };

// The server stores a reply under the same placeholder, so its copy replaces this tab's.
const localHandle = placeholderHandle;

async function postReply(conversationId: number, entry: OutboxEntry): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(`/api/conversations/${conversationId}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        clientId: entry.clientId,
        content: entry.content,
        ...(entry.mediaUrl ? { mediaUrl: entry.mediaUrl } : {}),
        ...(entry.sendStyle ? { sendStyle: entry.sendStyle } : {}),
        ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
      }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return { kind: "unreachable", message: timedOut ? "No answer from the inbox server" : "Could not reach the inbox server" };
  }
  const body = (await res.json().catch(() => null)) as { status?: string; handle?: string; error?: { message?: string } } | null;
  // 502 with the stored reply: the server has it and Sendblue refused; the bubble says why.
  if (res.ok || (res.status === 502 && body?.handle)) return { kind: "accepted" };
  if (res.status === 401) return { kind: "signed-out" };
  // Anything else in the 5xx range (database down, a proxy's 502/504) did not store it.
  if (res.status >= 500) return { kind: "unreachable", message: `The inbox server could not take it (${res.status})` };
  return { kind: "refused", message: body?.error?.message ?? `Could not send (${res.status})` };
}

function localMessage(conversationId: number, lineNumber: string | null, entry: OutboxEntry, status: "SENDING" | "UNSENT", reason: string | null): MessageView {
  return {
    id: -Date.parse(entry.createdAt) || -Date.now(),
    handle: localHandle(entry.clientId),
    clientId: entry.clientId,
    sentBy: null,
    conversationId,
    direction: "outbound",
    service: null,
    content: entry.content,
    status,
    error: reason ? { code: null, message: reason, reason: null, detail: null } : null,
    sendStyle: entry.sendStyle,
    wasDowngraded: false,
    senderNumber: lineNumber,
    sentAt: entry.createdAt,
    updatedAt: entry.createdAt,
    media: [],
    reactions: [],
  } as unknown as MessageView;
}

export function useReplySender({
  conversationId,
  lineNumber,
  local,
  loadedMessages,
  onTextBack,
  onSettled,
}: {
  conversationId: number;
  lineNumber: string | null;
  local: LocalMessages;
  /** The thread's messages once loaded (undefined before): unsent replies are restored then. */
  loadedMessages: MessageView[] | undefined;
  /** Puts a reply's text back into the composer (refused, signed out, Edit). */
  onTextBack: (content: string) => void;
  onSettled: () => void;
}) {
  const [signedOut, setSignedOut] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const latest = useRef({ local, lineNumber, onTextBack, onSettled });
  latest.current = { local, lineNumber, onTextBack, onSettled };

  const deliver = useCallback(
    async (entry: OutboxEntry) => {
      const outcome = await postReply(conversationId, entry);
      const { local: l, onTextBack: textBack, onSettled: settled } = latest.current;
      if (outcome.kind === "unreachable") {
        reportUnreachable();
        l.update(localHandle(entry.clientId), { status: "UNSENT", error: { code: null, message: outcome.message, reason: null, detail: null } } as Partial<MessageView>);
        return;
      }
      removeFromOutbox(conversationId, entry.clientId);
      if (outcome.kind === "accepted") {
        reportReachable();
        setSignedOut(false);
      } else {
        l.remove(localHandle(entry.clientId));
        textBack(entry.content);
        if (outcome.kind === "signed-out") setSignedOut(true);
        else setRefusal(outcome.message);
      }
      settled();
    },
    [conversationId],
  );

  const submit = useCallback(
    (input: { content: string; mediaUrl: string | null; sendStyle: string | null; replyTo?: string | null }) => {
      const { replyTo, ...rest } = input;
      // The inline reply's quote shows once the server's copy replaces this one.
      const entry: OutboxEntry = { clientId: crypto.randomUUID(), ...rest, ...(replyTo ? { replyTo } : {}), createdAt: new Date().toISOString() };
      keepInOutbox(conversationId, entry);
      setRefusal(null);
      latest.current.local.add(localMessage(conversationId, latest.current.lineNumber, entry, "SENDING", null));
      void deliver(entry);
    },
    [conversationId, deliver],
  );

  // Bubbles that never reached the server come back after a reload, unless the server
  // turns out to have them after all (a request whose answer was lost).
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || !loadedMessages) return;
    restored.current = true;
    const known = new Set(loadedMessages.map((m) => m.clientId).filter(Boolean));
    for (const entry of loadOutbox(conversationId)) {
      if (known.has(entry.clientId)) removeFromOutbox(conversationId, entry.clientId);
      else latest.current.local.add(localMessage(conversationId, latest.current.lineNumber, entry, "UNSENT", "the inbox server never received it"));
    }
  }, [conversationId, loadedMessages]);

  useEffect(() => {
    setUnsentActions({
      retry: (clientId) => {
        const entry = loadOutbox(conversationId).find((e) => e.clientId === clientId);
        if (!entry) return;
        latest.current.local.update(localHandle(clientId), { status: "SENDING", error: null } as Partial<MessageView>);
        void deliver(entry);
      },
      edit: (clientId) => {
        const entry = loadOutbox(conversationId).find((e) => e.clientId === clientId);
        if (!entry) return;
        removeFromOutbox(conversationId, clientId);
        latest.current.local.remove(localHandle(clientId));
        latest.current.onTextBack(entry.content);
      },
    });
    return () => setUnsentActions(null);
  }, [conversationId, deliver]);

  return { submit, signedOut, refusal, clearRefusal: () => setRefusal(null) };
}
