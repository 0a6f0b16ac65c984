"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiError, apiFetch, signInHref } from "@/components/shell/api-client";
import { placeholderHandle } from "@/lib/send/placeholder-handle";
import type { MessageView } from "./api";
import { reportReachable, reportUnreachable } from "./connection-state";
import { localMessage, localStatus } from "./local-message";
import { keepInOutbox, loadOutbox, removeFromOutbox, setUnsentActions, type OutboxEntry } from "./outbox";

// Sending one reply, and what happens when it does not go through. A reply stays in the
// outbox (localStorage) until the server has answered for it; a request that fails or gets
// no answer within SEND_TIMEOUT_MS leaves a "Not sent" bubble with Retry (the same clientId,
// so a request that did arrive is not sent twice) and Edit; an expired session or a refusal
// gives the text back to the composer; an expired session asks to sign in again (the page
// is left to that prompt: components/shell/api-client.ts).

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

async function postReply(conversationId: number, entry: OutboxEntry): Promise<Outcome> {
  let res: Response;
  try {
    res = await apiFetch(`/api/conversations/${conversationId}/replies`, {
      method: "POST",
      body: {
        clientId: entry.clientId,
        content: entry.content,
        ...(entry.mediaUrl ? { mediaUrl: entry.mediaUrl } : {}),
        ...(entry.sendStyle ? { sendStyle: entry.sendStyle } : {}),
        ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
      },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      onSignedOut: "ask",
    });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return {
      kind: "unreachable",
      message: timedOut ? "No answer from the inbox server" : "Could not reach the inbox server",
    };
  }
  if (res.ok) return { kind: "accepted" };
  // 502 with the stored reply: the server has it and Sendblue refused; the bubble says why.
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { handle?: string } | null;
  if (res.status === 502 && body?.handle) return { kind: "accepted" };
  if (res.status === 401) return { kind: "signed-out" };
  // Anything else in the 5xx range (database down, a proxy's 502/504) did not store it.
  if (res.status >= 500) return { kind: "unreachable", message: `The inbox server could not take it (${res.status})` };
  return { kind: "refused", message: (await apiError(res, "Could not send")).message };
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
  /** Where "Sign in again" goes once a send found the session expired (back to this page). */
  const [signInAgain, setSignInAgain] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const latest = useRef({ local, lineNumber, onTextBack, onSettled });
  latest.current = { local, lineNumber, onTextBack, onSettled };

  const deliver = useCallback(
    async (entry: OutboxEntry) => {
      const outcome = await postReply(conversationId, entry);
      const { local: l, onTextBack: textBack, onSettled: settled } = latest.current;
      if (outcome.kind === "unreachable") {
        reportUnreachable();
        l.update(placeholderHandle(entry.clientId), localStatus("UNSENT", outcome.message));
        return;
      }
      removeFromOutbox(conversationId, entry.clientId);
      if (outcome.kind === "accepted") {
        reportReachable();
        setSignInAgain(null);
      } else {
        l.remove(placeholderHandle(entry.clientId));
        textBack(entry.content);
        if (outcome.kind === "signed-out") setSignInAgain(signInHref());
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
      const entry: OutboxEntry = {
        clientId: crypto.randomUUID(),
        ...rest,
        ...(replyTo ? { replyTo } : {}),
        createdAt: new Date().toISOString(),
      };
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
      else
        latest.current.local.add(
          localMessage(
            conversationId,
            latest.current.lineNumber,
            entry,
            "UNSENT",
            "the inbox server never received it",
          ),
        );
    }
  }, [conversationId, loadedMessages]);

  useEffect(() => {
    setUnsentActions({
      retry: (clientId) => {
        const entry = loadOutbox(conversationId).find((e) => e.clientId === clientId);
        if (!entry) return;
        latest.current.local.update(placeholderHandle(clientId), localStatus("SENDING", null));
        void deliver(entry);
      },
      edit: (clientId) => {
        const entry = loadOutbox(conversationId).find((e) => e.clientId === clientId);
        if (!entry) return;
        removeFromOutbox(conversationId, clientId);
        latest.current.local.remove(placeholderHandle(clientId));
        latest.current.onTextBack(entry.content);
      },
    });
    return () => setUnsentActions(null);
  }, [conversationId, deliver]);

  return { submit, signInAgain, refusal, clearRefusal: () => setRefusal(null) };
}
