"use client";

import { useEffect, useState } from "react";

/** What a brand-new inbox says: where to point Sendblue so messages start arriving. */
export function EmptyInbox({ webhookBase }: { webhookBase: string | null }) {
  const [origin, setOrigin] = useState(webhookBase);
  useEffect(() => {
    if (!webhookBase) setOrigin(window.location.origin);
  }, [webhookBase]);
  const url = `${(origin ?? "").replace(/\/$/, "")}/api/webhooks/receive`;
  return (
    <div className="px-5 py-10 text-center" data-testid="empty-inbox">
      <p className="text-[15px] font-semibold">No messages yet</p>
      <p className="mt-2 text-[13px] leading-relaxed text-zinc-500 dark:text-zinc-400">
        Point Sendblue&apos;s receive webhook at{" "}
        <code
          className="rounded bg-zinc-100 px-1 py-0.5 text-[12px] break-normal text-zinc-800 select-all dark:bg-zinc-800 dark:text-zinc-200"
          data-testid="webhook-url"
        >
          {url.split("/").map((part, i) => (
            <span key={i}>
              {i > 0 ? "/" : ""}
              {part}
              <wbr />
            </span>
          ))}
        </code>
      </p>
      <p className="mt-3 text-[12px] text-zinc-500 dark:text-zinc-400">
        Set the other webhooks (outbound, typing_indicator, call_log, …) to the same path with their own type.
      </p>
    </div>
  );
}
