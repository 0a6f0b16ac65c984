"use client";

import { SEND_STYLES } from "@/lib/send/send-styles";
import { Popover, popoverItem } from "./popover";
import type { ReplyTarget } from "./reply-target";

// The composer's "+": attaching a file and picking an iMessage effect, out of the way of the
// text box and Send; and the chips above the box saying what the next reply carries (an inline
// reply's target, an effect), each with a ✕.

export function ComposerMore({
  conversationId,
  style,
  onAttach,
  onStyle,
}: {
  conversationId: number;
  style: string;
  onAttach: () => void;
  onStyle: (style: string) => void;
}) {
  return (
    <Popover
      name={`composer-more-${conversationId}`}
      label="Attach or add an effect"
      align="left"
      placement="above"
      button={
        <>
          <svg viewBox="0 0 20 20" aria-hidden className="h-5 w-5 fill-current">
            <path d="M10 3a1 1 0 0 1 1 1v5h5a1 1 0 1 1 0 2h-5v5a1 1 0 1 1-2 0v-5H4a1 1 0 1 1 0-2h5V4a1 1 0 0 1 1-1Z" />
          </svg>
          <span className="sr-only">Attach a file or add an effect</span>
        </>
      }
      buttonClassName="mb-0.5 rounded-full p-1.5 text-zinc-600 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      {(close) => (
        <div>
          <button
            type="button"
            className={popoverItem}
            onClick={() => {
              close();
              onAttach();
            }}
          >
            Attach a file…
          </button>
          <p className="px-2.5 pt-2 pb-1 text-[11px] font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
            iMessage effect
          </p>
          <div className="grid max-h-56 grid-cols-2 overflow-y-auto">
            {["", ...SEND_STYLES].map((s) => (
              <button
                key={s || "none"}
                type="button"
                aria-pressed={style === s}
                className={`${popoverItem} ${style === s ? "font-semibold text-blue-700 dark:text-blue-300" : ""}`}
                onClick={() => {
                  onStyle(s);
                  close();
                }}
              >
                {s ? s.replace("_", " ") : "No effect"}
              </button>
            ))}
          </div>
        </div>
      )}
    </Popover>
  );
}

const chip =
  "inline-flex max-w-full items-center gap-1.5 rounded-md bg-zinc-100 px-2 py-1 text-[12px] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200";
const chipClose =
  "rounded px-1 text-zinc-600 outline-none hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-blue-500 dark:text-zinc-300 dark:hover:text-white";

export function ComposerChips({
  replyingTo,
  onCancelReply,
  style,
  onClearStyle,
}: {
  replyingTo: ReplyTarget | null;
  onCancelReply: () => void;
  style: string;
  onClearStyle: () => void;
}) {
  if (!replyingTo && !style) return null;
  return (
    <div className="mb-1.5 flex flex-wrap items-center gap-1.5">
      {replyingTo && (
        <span className={chip} data-testid="replying-to">
          <span className="shrink-0">↩ Replying to</span>
          <span className="truncate italic">“{replyingTo.preview}”</span>
          <button type="button" onClick={onCancelReply} aria-label="Cancel the inline reply" className={chipClose}>
            ✕
          </button>
        </span>
      )}
      {style && (
        <span className={chip} data-testid="effect-chip">
          Effect: {style.replace("_", " ")}
          <button type="button" onClick={onClearStyle} aria-label="Remove the effect" className={chipClose}>
            ✕
          </button>
        </span>
      )}
    </div>
  );
}
