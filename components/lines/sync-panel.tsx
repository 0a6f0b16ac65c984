import Link from "next/link";
import { LocalTime } from "@/components/shell/local-time";
import type { SyncStatus } from "@/lib/sync/sync-status";

/** Sync with Sendblue's history: when gap repair last ran and what it repaired, the stream, the import. */
export function SyncPanel({ status }: { status: SyncStatus }) {
  const r = status.reconcile;
  return (
    <section
      aria-labelledby="sync-heading"
      className="space-y-2 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
      data-testid="sync-panel"
    >
      <h2 id="sync-heading" className="font-medium">
        Sync with Sendblue
      </h2>
      {!status.configured ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Off: set SENDBLUE_API_KEY_ID and SENDBLUE_API_SECRET to import history and repair missed webhooks.
        </p>
      ) : (
        <ul className="space-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          <li>
            <span className="font-medium text-zinc-800 dark:text-zinc-200">Gap repair</span>{" "}
            {status.reconcileMinutes > 0 ? `every ${status.reconcileMinutes} min` : "off"}
            {r?.lastRunAt ? (
              <>
                {" "}
                · last ran <LocalTime iso={r.lastRunAt.toISOString()} relative /> · repaired{" "}
                {r.lastRepaired.toLocaleString()} ({r.repairedTotal.toLocaleString()} in {r.runs.toLocaleString()}{" "}
                passes)
                {r.lastError ? (
                  <span className="text-amber-800 dark:text-amber-300"> · last pass failed: {r.lastError}</span>
                ) : null}
              </>
            ) : (
              " · has not run yet"
            )}
          </li>
          <li>
            <span className="font-medium text-zinc-800 dark:text-zinc-200">New messages</span> by{" "}
            {status.events === "stream" ? (
              <>
                Sendblue&apos;s event stream
                {status.stream?.connected === true
                  ? " (connected here)"
                  : status.stream?.lastConnectedBy
                    ? " (held by another server)"
                    : " (connecting)"}
                , and webhooks if configured
              </>
            ) : (
              "webhooks"
            )}
          </li>
          <li>
            <span className="font-medium text-zinc-800 dark:text-zinc-200">History import</span>{" "}
            {status.import ? (
              <>
                #{status.import.id} {status.import.state} · {status.import.stored.toLocaleString()} stored,{" "}
                {status.import.known.toLocaleString()} already known
              </>
            ) : (
              "never run"
            )}{" "}
            ·{" "}
            <Link href="/settings#sendblue-heading" className="font-medium underline underline-offset-2">
              Settings
            </Link>
          </li>
        </ul>
      )}
    </section>
  );
}
