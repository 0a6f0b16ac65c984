"use client";

import { useState } from "react";
import { ApiError, apiError, apiFetch, requestJson } from "@/components/shell/api-client";
import { isPlaceholderHandle } from "@/lib/send/placeholder-handle";
import { setReplyTarget } from "./reply-target";
import type { MessageView } from "./api";
import { reportUnreachable } from "./connection-state";
import { statusLabel } from "./message-status";
import { currentUnsentActions } from "./outbox";

// Reply-side actions on one message: react with a tapback (sent through Sendblue) and retry
// a reply that failed. Errors are shown next to the message, in words.

const TAPBACKS = [
  ["love", "❤️"],
  ["like", "👍"],
  ["dislike", "👎"],
  ["laugh", "😂"],
  ["emphasize", "‼️"],
  ["question", "❓"],
] as const;

/** null once sent, else why not, in words. */
async function post(url: string, body?: unknown): Promise<string | null> {
  return requestJson(url, { method: "POST", body, failed: "Failed" }).then(
    () => null,
    (e: unknown) => (e instanceof ApiError ? e.message : "Could not reach the inbox server"),
  );
}

/**
 * The ☺︎ button shows on hover or keyboard focus; a touch screen has no hover, so there the
 * bubble's long press opens the menu (`open`/`onOpenChange`), which sits under the bubble
 * with 44 px targets instead of beside it.
 */
export function TapbackPicker({
  message,
  outbound,
  open: controlled,
  onOpenChange,
}: {
  message: MessageView;
  outbound: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const [own, setOwn] = useState(false);
  const open = controlled ?? own;
  const setOpen = onOpenChange ?? setOwn;
  const [error, setError] = useState<string | null>(null);
  if (isPlaceholderHandle(message.handle) || message.id < 0) return null;
  return (
    <span
      className={`absolute z-10 flex items-center pointer-coarse:w-max ${
        outbound
          ? "-bottom-1 right-full mr-12 pointer-coarse:top-full pointer-coarse:right-0 pointer-coarse:bottom-auto pointer-coarse:mt-1 pointer-coarse:mr-0"
          : "-bottom-1 left-full ml-12 pointer-coarse:top-full pointer-coarse:left-0 pointer-coarse:bottom-auto pointer-coarse:mt-1 pointer-coarse:ml-0"
      }`}
    >
      <button
        type="button"
        onClick={() => {
          const preview = message.content.trim() || message.media[0]?.fileName || "an attachment";
          setReplyTarget(message.conversationId, {
            handle: message.handle,
            preview: preview.slice(0, 140),
            direction: message.direction,
          });
          document.getElementById(`composer-${message.conversationId}`)?.focus();
        }}
        aria-label="Reply to this message"
        title="Reply to this message"
        className="rounded px-1 text-[13px] text-zinc-500 opacity-0 outline-none group-hover:opacity-100 focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-blue-500 pointer-coarse:sr-only dark:text-zinc-400"
      >
        ↩
      </button>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-label="React to this message"
        className="rounded px-1 text-[13px] text-zinc-400 opacity-0 outline-none group-hover:opacity-100 focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-blue-500 pointer-coarse:sr-only"
      >
        ☺︎
      </button>
      {open && (
        <span
          role="menu"
          aria-label="Tapbacks"
          className="ml-1 flex gap-0.5 rounded-full border border-zinc-200 bg-white px-1 py-0.5 shadow-md pointer-coarse:ml-0 pointer-coarse:py-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          {TAPBACKS.map(([reaction, glyph]) => (
            <button
              key={reaction}
              type="button"
              role="menuitem"
              aria-label={reaction}
              className="rounded-full px-1 text-[15px] outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 pointer-coarse:size-11 pointer-coarse:shrink-0 pointer-coarse:text-[20px] dark:hover:bg-zinc-800"
              onClick={async () => {
                setOpen(false);
                setError(
                  await post(`/api/messages/${encodeURIComponent(message.handle)}/reactions`, {
                    clientId: crypto.randomUUID(),
                    reaction,
                  }),
                );
              }}
            >
              {glyph}
            </button>
          ))}
        </span>
      )}
      {error && (
        <span role="alert" className="ml-1 text-[11px] whitespace-nowrap text-red-600 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}

const actionButton =
  "rounded-md border border-red-300 px-2 py-0.5 font-medium text-red-700 outline-none hover:bg-red-50 focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950";

/**
 * Under a failed reply: Retry (and Edit, for one that never reached the server). Sendblue's
 * reason is already in the status line, so a retry that fails again says nothing more here.
 */
export function RetryReply({ message }: { message: MessageView }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (message.direction !== "outbound" || !message.clientId || !statusLabel(message).failed) return null;
  if (message.status === "UNSENT") {
    const clientId = message.clientId;
    return (
      <span className="mt-0.5 mr-1 flex items-center gap-2 text-[11px]">
        <button
          type="button"
          data-testid="retry-reply"
          onClick={() => currentUnsentActions()?.retry(clientId)}
          className={actionButton}
        >
          Retry
        </button>
        <button
          type="button"
          data-testid="edit-unsent"
          onClick={() => currentUnsentActions()?.edit(clientId)}
          className={actionButton}
        >
          Edit
        </button>
      </span>
    );
  }
  return (
    <span className="mt-0.5 mr-1 flex items-center gap-2 text-[11px]">
      <button
        type="button"
        disabled={pending}
        data-testid="retry-reply"
        onClick={async () => {
          setPending(true);
          setError(await retry(message.handle));
          setPending(false);
        }}
        className={actionButton}
      >
        {pending ? "Retrying…" : "Retry"}
      </button>
      {error && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}

async function retry(handle: string): Promise<string | null> {
  const res = await apiFetch(`/api/messages/${encodeURIComponent(handle)}/retry`, { method: "POST" }).catch(() => null);
  if (!res) {
    reportUnreachable();
    return "Could not reach the inbox server; try again.";
  }
  if (res.ok) return null;
  // Sent again and refused again: the status line under the bubble shows the new reason.
  const json = (await res
    .clone()
    .json()
    .catch(() => null)) as { status?: string } | null;
  if (res.status === 502 && json?.status === "FAILED") return null;
  return (await apiError(res, "Retry failed")).message;
}
