"use client";

import { useState } from "react";
import useSWR from "swr";
import { isPlaceholderHandle } from "@/lib/send/placeholder-handle";
import { getJson } from "@/components/shell/api-client";
import type { MessageDetail, MessageView } from "./api";
import { fullTime, REACTION_EMOJI, serviceName, timeOfDay } from "./format";
import { LinkifiedText } from "./linkified-text";
import { RetryReply, TapbackPicker } from "./message-actions";
import { AppCard, LocationCard, ReplyQuote } from "./message-extras";
import { MessageMedia } from "./message-media";
import { statusLabel } from "./message-status";
import { useLongPress } from "./use-long-press";

const OUTBOUND_COLOURS = {
  iMessage: "bg-[#0070e8] text-white",
  SMS: "bg-[#1a7f37] text-white",
  RCS: "bg-[#6f52d9] text-white",
} as const;
const INBOUND_COLOURS = "bg-[#e9e9eb] text-zinc-900 dark:bg-[#3b3b3d] dark:text-zinc-50";
// A reply that did not go out must not look like one that did (as in Messages and Front).
const FAILED_COLOURS =
  "bg-red-50 text-red-950 ring-2 ring-inset ring-red-500 dark:bg-red-950/70 dark:text-red-50 dark:ring-red-500";

export type BubblePosition = { first: boolean; last: boolean };

export function MessageBubble({
  message: m,
  position,
  senderLabel,
  showStatus,
  highlighted,
}: {
  message: MessageView;
  position: BubblePosition;
  senderLabel: string | null;
  showStatus: boolean;
  highlighted: boolean;
}) {
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [tapbacksOpen, setTapbacksOpen] = useState(false);
  const longPress = useLongPress(() => setTapbacksOpen(true));
  const outbound = m.direction === "outbound";
  const service = serviceName(m.service) ?? "iMessage";
  const text = m.content;
  const status = statusLabel(m);
  const failed = outbound && status.failed;
  // Only in this tab (never reached the server): there are no details to fetch.
  const localOnly = m.id < 0;
  const colours = failed ? FAILED_COLOURS : outbound ? OUTBOUND_COLOURS[service] : INBOUND_COLOURS;
  const radius = outbound
    ? `rounded-[18px] ${position.last ? "rounded-br-[6px]" : ""} ${position.first ? "" : "rounded-tr-[6px]"}`
    : `rounded-[18px] ${position.last ? "rounded-bl-[6px]" : ""} ${position.first ? "" : "rounded-tl-[6px]"}`;

  return (
    <div
      id={`message-${m.handle}`}
      data-message-handle={m.handle}
      data-highlighted={highlighted || undefined}
      role="group"
      aria-label={`${outbound ? (m.sentBy || m.senderEmail ? `Sent by ${m.sentBy ?? m.senderEmail}` : "Sent") : (senderLabel ?? "Received")}, ${fullTime(m.sentAt)}`}
      className={`group flex flex-col ${outbound ? "items-end" : "items-start"} ${position.first ? "mt-2" : "mt-0.5"} px-4`}
    >
      {senderLabel && <span className="mb-0.5 ml-3 text-[11px] text-zinc-500 dark:text-zinc-400">{senderLabel}</span>}
      <div
        {...longPress}
        className={`relative flex max-w-[78%] flex-col gap-1 sm:max-w-[70%] pointer-coarse:select-none pointer-coarse:[-webkit-touch-callout:none] ${outbound ? "items-end" : "items-start"}`}
      >
        <ReplyQuote message={m} outbound={outbound} />
        {m.media.map((media) => (
          <MessageMedia key={media.id} media={media} outbound={outbound} />
        ))}
        {m.location && <LocationCard location={m.location} />}
        {m.appCard && <AppCard card={m.appCard} />}
        {(text || (m.media.length === 0 && !m.location && !m.appCard)) && (
          <div
            onClick={(e) => {
              if ((e.target as HTMLElement).closest("a") || localOnly) return;
              setDetailsOpen((o) => !o);
            }}
            className={`relative cursor-default px-3 py-[7px] text-[14.5px] leading-[1.35] whitespace-pre-wrap break-words ${colours} ${radius} ${
              highlighted ? "ring-4 ring-amber-400/80 ring-offset-2 ring-offset-white dark:ring-offset-zinc-950" : ""
            }`}
            data-testid="bubble"
            data-failed={failed || undefined}
          >
            {failed && <FailedMark />}
            {text ? <LinkifiedText text={text} /> : <span className="italic opacity-70">(empty message)</span>}
          </div>
        )}
        {m.reactions.length > 0 && <Reactions reactions={m.reactions} outbound={outbound} />}
        <TapbackPicker message={m} outbound={outbound} open={tapbacksOpen} onOpenChange={setTapbacksOpen} />
        <button
          type="button"
          disabled={localOnly}
          onClick={() => setDetailsOpen((o) => !o)}
          aria-expanded={detailsOpen}
          aria-label={`Message details, sent ${fullTime(m.sentAt)}`}
          title={fullTime(m.sentAt)}
          className={`absolute top-1/2 -translate-y-1/2 rounded px-1 text-[11px] whitespace-nowrap text-zinc-500 opacity-0 outline-none group-hover:opacity-100 focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-blue-500 dark:text-zinc-400 ${
            outbound ? (failed ? "right-full mr-9" : "right-full mr-2") : "left-full ml-2"
          }`}
        >
          {timeOfDay(m.sentAt)}
        </button>
      </div>
      {outbound && m.wasDowngraded && !showStatus && (
        <span className="mt-0.5 mr-1 text-[11px] text-green-700 dark:text-green-400">Sent as SMS</span>
      )}
      {(showStatus || failed) && (
        <span
          data-testid="message-status"
          className={`mt-0.5 mr-1 max-w-[70%] text-right text-[11px] font-medium ${status.failed ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}
        >
          {status.failed && <span aria-hidden>⚠︎ </span>}
          {status.text}
          {m.wasDowngraded && status.text !== "Sent as SMS" ? " · sent as SMS" : ""}
        </span>
      )}
      <RetryReply message={m} />
      {outbound && m.sentBy && showStatus && (
        <span className="mr-1 text-[10.5px] text-zinc-500 dark:text-zinc-400">Sent by {m.sentBy}</span>
      )}
      {outbound && !m.sentBy && m.senderEmail && (
        <span className="mr-1 text-[10.5px] text-zinc-500 dark:text-zinc-400">Sent by {m.senderEmail} in Sendblue</span>
      )}
      {detailsOpen && <StatusHistory handle={m.handle} outbound={outbound} onClose={() => setDetailsOpen(false)} />}
    </div>
  );
}

function FailedMark() {
  return (
    <span
      aria-hidden
      className="absolute top-1/2 -left-7 flex h-5 w-5 -translate-y-1/2 items-center justify-center rounded-full bg-red-600 text-[12px] font-bold text-white dark:bg-red-500"
    >
      !
    </span>
  );
}

function Reactions({ reactions, outbound }: { reactions: MessageView["reactions"]; outbound: boolean }) {
  const counts = new Map<string, number>();
  for (const r of reactions) {
    const glyph = r.reaction === "emoji" ? (r.emoji ?? "•") : (REACTION_EMOJI[r.reaction] ?? r.reaction);
    counts.set(glyph, (counts.get(glyph) ?? 0) + 1);
  }
  // Sendblue counts parts from 0 and defaults to it; people count from 1.
  const part = (r: MessageView["reactions"][number]) => (r.partIndex ? ` on part ${r.partIndex + 1}` : "");
  const label = reactions
    .map(
      (r) =>
        `${r.reaction === "emoji" ? r.emoji : r.reaction} from ${r.direction === "outbound" ? "you" : (r.senderNumber ?? "them")}${part(r)}`,
    )
    .join(", ");
  return (
    <span
      aria-label={`Reactions: ${label}`}
      title={label}
      data-testid="reactions"
      className={`absolute -top-3 ${outbound ? "-left-3" : "-right-3"} flex items-center gap-0.5 rounded-full border-2 border-white bg-zinc-100 px-1.5 py-0.5 text-[12px] leading-none shadow-sm dark:border-zinc-950 dark:bg-zinc-700`}
    >
      {[...counts].map(([glyph, n]) => (
        <span key={glyph}>
          {glyph}
          {n > 1 && <span className="ml-0.5 text-[10px] text-zinc-600 dark:text-zinc-300">{n}</span>}
        </span>
      ))}
    </span>
  );
}

function StatusHistory({ handle, outbound, onClose }: { handle: string; outbound: boolean; onClose: () => void }) {
  const { data, error } = useSWR<MessageDetail>(`/api/messages/${encodeURIComponent(handle)}`, getJson);
  return (
    <div
      role="region"
      aria-label="Message details"
      data-testid="status-history"
      className={`mt-1 w-72 max-w-[85%] rounded-xl border border-zinc-200 bg-white p-3 text-[12px] shadow-lg dark:border-zinc-700 dark:bg-zinc-900 ${outbound ? "self-end" : "self-start"}`}
    >
      <div className="mb-2 flex items-center justify-between">
        <span className="font-semibold">Details</span>
        <button
          type="button"
          onClick={onClose}
          className="rounded px-1 text-zinc-500 dark:text-zinc-400 outline-none hover:text-zinc-800 focus-visible:ring-2 focus-visible:ring-blue-500 dark:hover:text-zinc-200"
        >
          Close
        </button>
      </div>
      {error ? (
        <p className="text-red-600">Could not load details: {error.message}</p>
      ) : !data ? (
        <p className="text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : (
        <>
          <dl className="grid grid-cols-[5.5rem_1fr] gap-x-2 gap-y-0.5 text-zinc-600 dark:text-zinc-400">
            <dt>Sent</dt>
            <dd className="text-zinc-900 dark:text-zinc-100">{fullTime(data.sentAt)}</dd>
            <dt>Service</dt>
            <dd className="text-zinc-900 dark:text-zinc-100">
              {data.service ?? "—"}
              {data.wasDowngraded ? " (downgraded to SMS)" : ""}
            </dd>
            {data.senderNumber && (
              <>
                <dt>From</dt>
                <dd className="text-zinc-900 dark:text-zinc-100">{data.senderNumber}</dd>
              </>
            )}
            {!isPlaceholderHandle(data.handle) && (
              <>
                <dt>Handle</dt>
                <dd className="truncate font-mono text-[11px] text-zinc-900 dark:text-zinc-100" title={data.handle}>
                  {data.handle}
                </dd>
              </>
            )}
          </dl>
          <ol className="mt-2 space-y-1 border-t border-zinc-100 pt-2 dark:border-zinc-800">
            {data.statusHistory.map((s) => (
              <li key={s.status} className="flex justify-between gap-2">
                <span
                  className={
                    s.errorCode || s.errorMessage ? "font-medium text-red-600 dark:text-red-400" : "font-medium"
                  }
                >
                  {s.status}
                  {s.errorMessage ? ` — ${s.errorMessage}` : s.errorCode ? ` — code ${s.errorCode}` : ""}
                </span>
                <time className="shrink-0 text-zinc-500 dark:text-zinc-400" dateTime={s.occurredAt ?? s.receivedAt}>
                  {timeOfDay(s.occurredAt ?? s.receivedAt)}
                </time>
              </li>
            ))}
            {data.statusHistory.length === 0 && (
              <li className="text-zinc-500 dark:text-zinc-400">No status updates recorded.</li>
            )}
          </ol>
        </>
      )}
    </div>
  );
}
