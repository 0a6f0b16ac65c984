"use client";

import { useEffect, useMemo } from "react";
import useSWR from "swr";
import { usePhoneFormat } from "./use-phone-format";
import { conversationUrl, type ConversationView } from "./api";
import { fetchConversation } from "./conversation-fetch";
import { Avatar } from "./avatar";
import { TypingDots } from "./conversation-row";
import { subscribeLive, useIsTyping } from "./live-store";
import { LabelMenu } from "@/components/labels/label-menu";
import { Composer } from "./composer";
import { ContactNameEditor } from "./contact-name-editor";
import { ExportMenu } from "./export-menu";
import { ComposerTabs } from "./composer-tabs";
import { ConnectionNotice } from "./connection-notice";
import { MessageBubble } from "./message-bubble";
import { NewMessagesPill } from "./new-messages-pill";
import { PresenceLine } from "./presence-line";
import { ThreadEventLine } from "./thread-event-line";
import { threadItems } from "./thread-items";
import { useMarkRead } from "./use-mark-read";
import { useThread } from "./use-thread";
import { useReplyKeys, useThreadRoving } from "./use-thread-roving";
import { useThreadScroll } from "./use-thread-scroll";
import { WorkflowControls } from "./workflow-controls";

export function Thread({
  conversationId,
  anchor,
  note,
  focusRequest,
  sendingDisabledReason,
  onBack,
  onMarkedRead,
}: {
  conversationId: number;
  anchor: string | null;
  /** A note to open at and flash (an @mention's link), when no message is the anchor. */
  note: number | null;
  /** Non-zero when opened from the list: the newest message takes keyboard focus. */
  focusRequest: number;
  /** Why replies are off on this server (no Sendblue API keys), or null. */
  sendingDisabledReason: string | null;
  onBack: () => void;
  onMarkedRead: (id: number) => void;
}) {
  const { data: conversation, mutate: mutateConversation } = useSWR<ConversationView>(
    conversationUrl(conversationId),
    fetchConversation,
  );
  const thread = useThread(conversationId, anchor, note);
  const { data, error, loadOlder, loadNewer, local, refreshLatest } = thread;
  const items = useMemo(
    () => (data ? threadItems(data, conversation?.kind === "group") : []),
    [data, conversation?.kind],
  );
  const typing = useIsTyping(conversationId);
  const { formatPhone, formatPhonesIn } = usePhoneFormat();
  const { scrollRef, contentRef, onScroll, atLiveEnd, newCount, jumpToLatest, pinToBottom } = useThreadScroll({
    data,
    anchorElementId: anchor ? `message-${anchor}` : note ? `internal-note-${note}` : null,
    rendered: [items, typing],
    loadOlder,
    loadNewer,
  });
  const { focusThread } = useThreadRoving({ contentRef, ready: data !== undefined, focusRequest });
  useReplyKeys({ composerId: `composer-${conversationId}`, focusThread });

  // The header (name, blocked banner) follows its own conversation, line events and
  // reconnects. Through SWR, so a slow older response never overwrites a newer one.
  useEffect(
    () =>
      subscribeLive((m) => {
        const e = m.kind === "event" ? m.event : null;
        if (
          !e ||
          e.type === "line" ||
          e.type === "contact" ||
          e.type === "labels" ||
          // The assignee shows as nobody once that member is disabled.
          (e.type === "members" && e.change !== "added") ||
          (e.type === "conversation" && e.conversationId === conversationId)
        ) {
          void mutateConversation();
        }
      }),
    [mutateConversation, conversationId],
  );

  // Read once the newest message from the contact has been in view, here and in the list.
  useMarkRead({
    conversationId,
    data,
    atLiveEnd,
    onMarkedRead: () => {
      onMarkedRead(conversationId);
      void mutateConversation();
    },
  });

  const line = conversation?.line
    ? conversation.lineName
      ? `${conversation.lineName} (${formatPhone(conversation.line)})`
      : formatPhone(conversation.line)
    : null;
  const contact = conversation?.contact;
  const subtitle = conversation
    ? conversation.kind === "group"
      ? `${conversation.participants.length} members${line ? ` · via ${line}` : ""}`
      : [
          contact?.name ? formatPhone(contact.number) : null,
          contact?.company && contact.company !== contact.name ? contact.company : null,
          line ? `via ${line}` : null,
        ]
          .filter(Boolean)
          .join(" · ")
    : "";

  return (
    <section
      aria-label={conversation ? `Conversation with ${formatPhonesIn(conversation.title)}` : "Conversation"}
      className="flex min-h-0 min-w-0 flex-1 flex-col bg-white dark:bg-zinc-950"
    >
      <header className="relative z-20 flex min-h-14 shrink-0 flex-wrap items-center gap-x-3 gap-y-1.5 border-b py-2 border-zinc-200 bg-white/80 px-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
        <button
          type="button"
          onClick={onBack}
          aria-label="Back to conversations"
          className="flex items-center gap-0.5 rounded-md px-1.5 py-1 text-[15px] text-blue-600 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 md:hidden dark:text-blue-400 dark:hover:bg-zinc-800"
        >
          <svg viewBox="0 0 20 20" aria-hidden className="h-5 w-5 fill-current">
            <path d="M12.7 4.3a1 1 0 0 1 0 1.4L8.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0Z" />
          </svg>
          Back
        </button>
        {conversation && (
          <Avatar
            title={conversation.title}
            group={conversation.kind === "group"}
            seed={String(conversation.id)}
            size={34}
          />
        )}
        <div className="min-w-0">
          <h2 className="truncate text-[14px] font-semibold" data-testid="thread-title">
            {conversation ? formatPhonesIn(conversation.title) : " "}
          </h2>
          <p className="truncate text-[11.5px] text-zinc-500 dark:text-zinc-400" data-testid="thread-subtitle">
            {subtitle}
          </p>
          <PresenceLine conversationId={conversationId} />
        </div>
        <div className="ml-auto flex min-w-0 items-center">
          <LabelMenu
            conversationId={conversationId}
            labels={conversation?.labels ?? []}
            onChanged={() => void mutateConversation()}
          />
        </div>
        <ExportMenu conversationId={conversationId} />
        {conversation?.kind === "direct" && conversation.contactNumber ? (
          <ContactNameEditor
            number={conversation.contactNumber}
            named={Boolean(contact?.name)}
            onSaved={() => void mutateConversation()}
          />
        ) : null}
        {contact?.tags.length ? (
          <ul aria-label="Tags" className="ml-auto hidden shrink-0 gap-1 sm:flex" data-testid="thread-tags">
            {contact.tags.slice(0, 3).map((t) => (
              <li
                key={t}
                className="rounded-full bg-zinc-100 px-2 py-0.5 text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              >
                {t}
              </li>
            ))}
          </ul>
        ) : null}
        {conversation?.contact?.optedOut && (
          <span className="ml-auto rounded-full bg-amber-100 px-2 py-0.5 text-[11px] font-medium text-amber-800 dark:bg-amber-500/20 dark:text-amber-300">
            Opted out
          </span>
        )}
        {conversation && (
          <div className="ml-auto shrink-0 max-sm:ml-0 max-sm:w-full">
            <WorkflowControls
              scope="thread"
              ids={[conversation.id]}
              state={conversation.state}
              snoozedUntil={conversation.snoozedUntil}
              assignee={conversation.assignee}
              onUnread={onBack}
            />
          </div>
        )}
      </header>
      {conversation?.lineBlocked && (
        <div
          role="status"
          data-testid="blocked-banner"
          className="shrink-0 border-b border-red-200 bg-red-50 px-4 py-2 text-[12.5px] text-red-800 dark:border-red-900/60 dark:bg-red-950/60 dark:text-red-200"
        >
          <strong className="font-semibold">Line {line} is blocked.</strong> Messages to and from this line won&apos;t
          be delivered until Sendblue assigns it again.
        </div>
      )}
      <ConnectionNotice place="thread" />
      <div
        ref={scrollRef}
        onScroll={onScroll}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain pt-2 pb-4 [overflow-anchor:none]"
        data-testid="thread-scroller"
        aria-live="polite"
        aria-relevant="additions"
      >
        {error ? (
          <p className="p-8 text-center text-sm text-zinc-500 dark:text-zinc-400">
            Could not load this conversation: {error.message}
          </p>
        ) : !data ? (
          <p className="p-8 text-center text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
        ) : (
          <div ref={contentRef}>
            {data.nextCursor ? (
              <p className="py-3 text-center text-[11px] text-zinc-500 dark:text-zinc-400">Loading earlier messages…</p>
            ) : (
              <p className="py-4 text-center text-[11px] text-zinc-500 dark:text-zinc-400">
                Beginning of the conversation
              </p>
            )}
            {items.map((item) =>
              item.type === "day" ? (
                <div
                  key={item.key}
                  className="mt-4 mb-1 text-center text-[11px] font-medium text-zinc-500 dark:text-zinc-400"
                  role="separator"
                >
                  {item.label}
                </div>
              ) : item.type === "event" ? (
                <ThreadEventLine key={item.key} event={item.event} highlightedNote={note} />
              ) : (
                <MessageBubble
                  key={item.key}
                  message={item.message}
                  position={{ first: item.first, last: item.last }}
                  senderLabel={item.senderLabel}
                  showStatus={item.showStatus}
                  highlighted={item.message.handle === anchor}
                />
              ),
            )}
            {data.newerCursor && <p className="py-3 text-center text-[11px] text-zinc-400">Loading newer messages…</p>}
            {typing && !data.newerCursor && (
              <div
                className="mt-2 flex px-4 transition-opacity duration-300 starting:opacity-0"
                data-testid="typing-bubble"
                aria-label={`${conversation?.title ?? "Contact"} is typing`}
              >
                <span className="flex h-[34px] items-center rounded-[18px] rounded-bl-[6px] bg-[#e9e9eb] px-3.5 text-zinc-500 dark:bg-[#3b3b3d] dark:text-zinc-300">
                  <TypingDots />
                </span>
              </div>
            )}
          </div>
        )}
        <NewMessagesPill count={newCount} onClick={jumpToLatest} />
      </div>
      <ComposerTabs
        conversationId={conversationId}
        onNoteSaved={() => {
          pinToBottom();
          void refreshLatest().catch(() => {});
        }}
        reply={
          <Composer
            conversationId={conversationId}
            lineNumber={conversation?.line ?? null}
            disabledReason={
              sendingDisabledReason ??
              (conversation && !conversation.line ? "This conversation has no Sendblue line to reply from." : null) ??
              (conversation?.contact?.optedOut
                ? "This contact opted out; Sendblue will refuse messages to them."
                : null)
            }
            typingSupported={conversation?.kind === "direct"}
            local={{
              ...local,
              add: (message) => {
                pinToBottom();
                return local.add(message);
              },
            }}
            loadedMessages={data?.messages}
            onSettled={() => void refreshLatest().catch(() => {})}
            variables={{ first_name: contact?.firstName, last_name: contact?.lastName, company: contact?.company }}
          />
        }
      />
    </section>
  );
}
