import Link from "next/link";
import { LocalTime } from "@/components/shell/local-time";
import type { MediaQueueStatus } from "@/lib/media/queue-status";

/** The attachment copy queue: how many wait, how many failed, and the latest failures. */
export function MediaQueuePanel({ status }: { status: MediaQueueStatus }) {
  const { counts } = status;
  const waiting = counts.pending + counts.copying;
  return (
    <section
      aria-labelledby="media-queue-heading"
      className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
      data-testid="media-queue"
    >
      <h2 id="media-queue-heading" className="font-medium">
        Attachment copies
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {counts.kept.toLocaleString()} kept · {waiting.toLocaleString()} waiting
        {status.oldestPendingAt ? (
          <>
            {" "}
            (oldest from <LocalTime iso={status.oldestPendingAt} relative />)
          </>
        ) : null}{" "}
        · {counts.failed.toLocaleString()} failed · {counts.expired.toLocaleString()} expired at Sendblue before they
        could be copied
      </p>
      {status.recentFailures.length ? (
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {status.recentFailures.slice(0, 8).map((f) => (
            <li key={f.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5">
              <span className="min-w-0 truncate">
                <span
                  className={
                    f.state === "failed" ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"
                  }
                >
                  {f.state}
                </span>{" "}
                {f.fileName ?? f.kind}
                {f.error ? <span className="text-zinc-500 dark:text-zinc-400"> — {f.error}</span> : null}
              </span>
              <Link
                href={`/?c=${f.conversationId}&m=${encodeURIComponent(f.messageHandle)}`}
                className="text-xs text-blue-700 underline dark:text-blue-400"
              >
                Open message
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
