"use client";

import { useEffect, useRef, useState } from "react";
import { failureText, requestJson } from "@/components/shell/api-client";
import { unfilledVariables, type VariableValues } from "@/lib/saved-replies/fill-variables";
import type { MessageView } from "./api";
import { ConnectionNotice } from "./connection-notice";
import { loadDraft, saveDraft } from "./outbox";
import { ComposerChips, ComposerMore } from "./composer-more";
import { setReplyTarget, useReplyTarget } from "./reply-target";
import { useReplySender, type LocalMessages } from "./use-reply-sender";
import { useSavedReplyPicker } from "./use-saved-reply-picker";
import { useTypingSignal } from "./use-typing-signal";

// The reply box under a thread: Enter sends, Shift+Enter breaks the line, a file goes up to
// Sendblue first and is sent as media_url, an iMessage effect is optional (both behind "+", so
// the row stays the box and Send). "Reply to this message" on a bubble makes the next reply an
// inline reply (reply-target.ts), shown as a chip above the box. Each message gets
// a clientId when it is first submitted, so a double click or a retried request sends once.
// The draft is kept per conversation (localStorage) and what fails to send comes back.
// "/" opens the saved replies (use-saved-reply-picker.tsx); text still holding a {{variable}}
// placeholder is not sent.

type Attachment = { file: File; mediaUrl: string | null; error: string | null };

export function Composer({
  conversationId,
  lineNumber,
  disabledReason,
  typingSupported,
  local,
  loadedMessages,
  onSettled,
  variables = {},
}: {
  conversationId: number;
  lineNumber: string | null;
  disabledReason: string | null;
  typingSupported: boolean;
  local: LocalMessages;
  /** The thread's messages once loaded, to restore replies that never reached the server. */
  loadedMessages: MessageView[] | undefined;
  onSettled: () => void;
  /** The contact's values for saved-reply variables. */
  variables?: Omit<VariableValues, "agent_name">;
}) {
  const [text, setText] = useState("");
  const [style, setStyle] = useState<string>("");
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [holes, setHoles] = useState<string[]>([]);
  const replyingTo = useReplyTarget(conversationId);
  const disabled = disabledReason !== null;
  const typing = useTypingSignal(conversationId, typingSupported && !disabled);

  const updateText = (value: string) => {
    setText(value);
    saveDraft(conversationId, value);
    setHoles((h) => (h.length ? unfilledVariables(value) : h));
  };
  const picker = useSavedReplyPicker({
    conversationId,
    contact: variables,
    textareaRef: textRef,
    text,
    setText: updateText,
  });
  const sender = useReplySender({
    conversationId,
    lineNumber,
    local,
    loadedMessages,
    onSettled,
    // A reply that was refused, not sent for lack of a session, or taken back to edit.
    onTextBack: (content) =>
      setText((current) => {
        const next = current.trim() ? `${content}\n${current}` : content;
        saveDraft(conversationId, next);
        return next;
      }),
  });

  function onType(value: string) {
    updateText(value);
    typing.typed(value);
  }

  useEffect(() => {
    setText(loadDraft(conversationId));
    setAttachment(null);
  }, [conversationId]);

  async function attach(file: File) {
    setAttachment({ file, mediaUrl: null, error: null });
    const form = new FormData();
    form.set("file", file);
    const uploaded = await requestJson<{ mediaUrl?: string } | null>("/api/uploads", {
      method: "POST",
      body: form,
    }).then(
      (body) =>
        body?.mediaUrl ? { mediaUrl: body.mediaUrl, error: null } : { mediaUrl: null, error: "Upload failed" },
      (e: unknown) => ({ mediaUrl: null, error: failureText(e, "Upload failed") }),
    );
    setAttachment((a) => (a?.file === file ? { file, ...uploaded } : a));
  }

  function send() {
    if (disabled) return;
    const content = text.trim() ? text : "";
    if (!content && !attachment?.mediaUrl) return;
    if (attachment && !attachment.mediaUrl) return;
    const unfilled = unfilledVariables(content);
    if (unfilled.length) return setHoles(unfilled);
    sender.submit({
      content,
      mediaUrl: attachment?.mediaUrl ?? null,
      sendStyle: style || null,
      replyTo: replyingTo?.handle ?? null,
    });
    updateText("");
    setAttachment(null);
    setStyle("");
    setReplyTarget(conversationId, null);
    typing.sent();
  }

  return (
    <form
      className="shrink-0 border-t border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-950"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <ConnectionNotice place="composer" />
      {sender.signInAgain ? (
        <p
          role="alert"
          data-testid="session-expired"
          className="mb-1.5 rounded-lg border border-amber-300 bg-amber-50 px-2.5 py-1.5 text-[12.5px] text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100"
        >
          Your session has ended, so this message was not sent; it is kept here.{" "}
          <a href={sender.signInAgain} className="font-semibold text-blue-700 underline dark:text-blue-300">
            Sign in again
          </a>{" "}
          to send it.
        </p>
      ) : null}
      {disabled ? (
        <p
          role="status"
          data-testid="composer-disabled"
          className="mb-1.5 text-[12px] text-zinc-500 dark:text-zinc-400"
        >
          {disabledReason}
        </p>
      ) : null}
      <ComposerChips
        replyingTo={replyingTo}
        onCancelReply={() => setReplyTarget(conversationId, null)}
        style={style}
        onClearStyle={() => setStyle("")}
      />
      {attachment ? (
        <div className="mb-1.5 flex items-center gap-2 text-[12px]">
          <span className="truncate rounded-md bg-zinc-100 px-2 py-1 dark:bg-zinc-800" data-testid="attachment-chip">
            📎 {attachment.file.name} · {Math.max(1, Math.round(attachment.file.size / 1024))} KB
            {attachment.mediaUrl ? " · ready" : attachment.error ? ` · ${attachment.error}` : " · uploading…"}
          </span>
          <button
            type="button"
            onClick={() => setAttachment(null)}
            className="rounded px-1 text-zinc-500 hover:text-zinc-800 focus-visible:ring-2 focus-visible:ring-blue-500 dark:hover:text-zinc-200"
            aria-label="Remove attachment"
          >
            ✕
          </button>
        </div>
      ) : null}
      <div className="relative flex items-end gap-2">
        {picker.popup}
        <input
          ref={fileRef}
          type="file"
          className="hidden"
          aria-label="Attach a file"
          onChange={(e) => e.target.files?.[0] && void attach(e.target.files[0])}
        />
        {disabled ? null : (
          <ComposerMore
            conversationId={conversationId}
            style={style}
            onAttach={() => fileRef.current?.click()}
            onStyle={setStyle}
          />
        )}
        <label className="sr-only" htmlFor={`composer-${conversationId}`}>
          Message
        </label>
        <textarea
          ref={textRef}
          id={`composer-${conversationId}`}
          data-testid="composer"
          role="combobox"
          aria-autocomplete="list"
          {...picker.comboboxProps}
          rows={1}
          value={text}
          disabled={disabled}
          placeholder={disabled ? "Replies are off" : "iMessage / SMS"}
          onChange={(e) => {
            onType(e.target.value);
            picker.onTextChange(e.target.value, e.target.selectionStart);
          }}
          onKeyDown={(e) => {
            if (picker.onKeyDown(e)) return;
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          className="max-h-40 min-h-9 flex-1 resize-none rounded-2xl border border-zinc-300 bg-white px-3 py-1.5 text-[14px] outline-none [field-sizing:content] focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          disabled={disabled || (!text.trim() && !attachment?.mediaUrl) || Boolean(attachment && !attachment.mediaUrl)}
          aria-label="Send"
          data-testid="send-button"
          className="mb-0.5 rounded-full bg-blue-600 p-1.5 text-white outline-none hover:bg-blue-700 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-2 disabled:opacity-40 dark:bg-blue-500"
        >
          <svg viewBox="0 0 20 20" aria-hidden className="h-5 w-5 fill-current">
            <path d="M10 3a1 1 0 0 1 .7.3l5 5a1 1 0 0 1-1.4 1.4L11 6.42V16a1 1 0 1 1-2 0V6.41L5.7 9.71a1 1 0 0 1-1.4-1.42l5-5A1 1 0 0 1 10 3Z" />
          </svg>
        </button>
      </div>
      {holes.length ? (
        <p role="alert" data-testid="unfilled-variables" className="mt-1 text-[12px] text-red-700 dark:text-red-400">
          Fill in {holes.map((h) => `{{${h}}}`).join(", ")} before sending: the contact would see it as written.
        </p>
      ) : null}
      {sender.refusal ? (
        <p role="alert" className="mt-1 text-[12px] text-red-700 dark:text-red-400">
          {sender.refusal}
        </p>
      ) : null}
    </form>
  );
}
