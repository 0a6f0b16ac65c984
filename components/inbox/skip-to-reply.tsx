"use client";

import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { SKIP_LINK_CLASS, SKIP_LINKS_ID } from "@/components/shell/skip-link";

// The inbox's own skip link, second on the page after "Skip to main content": from the top
// of the page to the reply box (or, when replies are off, to the thread) in two Tabs.

export function SkipToReply({ conversationId }: { conversationId: number }) {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => setSlot(document.getElementById(SKIP_LINKS_ID)), []);
  if (!slot) return null;
  return createPortal(
    <a
      href={`#composer-${conversationId}`}
      onClick={(e) => {
        e.preventDefault();
        const composer = document.getElementById(`composer-${conversationId}`) as HTMLTextAreaElement | null;
        if (composer && !composer.disabled) composer.focus();
        else
          document
            .querySelector<HTMLElement>('[data-testid="thread-scroller"] [data-message-handle][tabindex="0"]')
            ?.focus();
      }}
      className={SKIP_LINK_CLASS}
    >
      Skip to reply
    </a>,
    slot,
  );
}
