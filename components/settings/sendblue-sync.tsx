"use client";

import { useState } from "react";
import useSWR from "swr";
import type { ImportView as ServerImportView } from "@/lib/sync/sync-status";
import { LocalTime } from "@/components/shell/local-time";
import { getJson, sendJson } from "@/components/shell/api-client";
import { buttonClass, cardClass, inputClass } from "@/components/shell/form-classes";
import { FormNotes } from "@/components/shell/form-parts";

// Settings → Sendblue: start a history import (from a date, default everything) and watch it
// live; below, when gap repair last ran. Polls every second while an import is active.

// The API's JSON: the server's types, with dates as strings.
type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
type ImportView = Jsonified<ServerImportView>;
type SyncStatus = {
  configured: boolean;
  import: ImportView | null;
  reconcile: { lastRunAt: string | null; lastRepaired: number; repairedTotal: number } | null;
};

const STATE_LABEL: Record<ImportView["state"], string> = {
  queued: "Waiting to start",
  running: "Importing",
  done: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function SendblueSync({ isOwner }: { isOwner: boolean }) {
  const { data, error, mutate } = useSWR<SyncStatus>("/api/sync", getJson, {
    refreshInterval: (latest) => (latest?.import?.active ? 1000 : 15_000),
  });
  const [since, setSince] = useState("");
  const [pending, setPending] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  async function start(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setStartError(null);
    try {
      await sendJson("/api/sync/import", "POST", { since: since || null });
      await mutate();
    } catch (e) {
      setStartError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  const job = data?.import ?? null;
  return (
    <section className={cardClass} aria-labelledby="sendblue-heading">
      <div className="space-y-1">
        <h2 id="sendblue-heading" className="font-medium">
          Sendblue
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Bring in the conversations you had before this inbox existed. Imported messages arrive as read; running it
          again changes nothing.
        </p>
      </div>
      <FormNotes problem={error?.message} />
      {data && !data.configured ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Set <code className="font-mono text-xs">SENDBLUE_API_KEY_ID</code> and{" "}
          <code className="font-mono text-xs">SENDBLUE_API_SECRET</code> to import history and repair gaps.
        </p>
      ) : null}
      {data?.configured && isOwner ? (
        <form onSubmit={start} className="flex flex-wrap items-end gap-3">
          <label className="space-y-1 text-sm">
            <span className="block font-medium">From</span>
            <input
              type="date"
              value={since}
              max={new Date().toISOString().slice(0, 10)}
              onChange={(e) => setSince(e.target.value)}
              className={inputClass}
              aria-describedby="since-hint"
            />
          </label>
          <button type="submit" className={buttonClass} disabled={pending || Boolean(job?.active)}>
            {job?.active ? "Import running…" : pending ? "Starting…" : "Import history"}
          </button>
          <p id="since-hint" className="w-full text-xs text-zinc-500 dark:text-zinc-400">
            Leave the date empty to import everything.
          </p>
        </form>
      ) : null}
      <FormNotes problem={startError} />
      {job ? <ImportProgress job={job} /> : null}
      {data?.reconcile?.lastRunAt ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Gap repair last ran <LocalTime iso={data.reconcile.lastRunAt} relative /> and repaired{" "}
          {data.reconcile.lastRepaired.toLocaleString()} {data.reconcile.lastRepaired === 1 ? "message" : "messages"} (
          {data.reconcile.repairedTotal.toLocaleString()} in all).
        </p>
      ) : null}
    </section>
  );
}

function ImportProgress({ job }: { job: ImportView }) {
  const total = Math.max(job.total ?? 0, job.fetched);
  const percent = job.state === "done" ? 100 : total > 0 ? Math.min(100, Math.round((job.fetched / total) * 100)) : 0;
  const stats: [string, string][] = [
    ["Fetched", job.fetched.toLocaleString()],
    ["Stored", job.stored.toLocaleString()],
    ["Already known", job.known.toLocaleString()],
    ["Failed", (job.failed + job.badPages).toLocaleString()],
    ["Rate-limit waits", `${job.rateWaits.toLocaleString()} (${Math.round(job.rateWaitMs / 1000)} s)`],
  ];
  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" aria-live="polite">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">
          {STATE_LABEL[job.state]} · import #{job.id}
          {job.since ? ` from ${job.since.slice(0, 10)}` : " of the whole history"}
        </span>
        <span className="text-zinc-600 dark:text-zinc-400">
          {job.finishedAt ? (
            <>
              finished <LocalTime iso={job.finishedAt} relative />
            </>
          ) : job.startedAt ? (
            <>
              started <LocalTime iso={job.startedAt} relative />
            </>
          ) : null}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className="h-full rounded-full bg-blue-600 transition-[width] dark:bg-blue-400"
          style={{ width: `${percent}%` }}
        />
      </div>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd className="font-medium tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {job.contactsNamed ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {job.contactsNamed.toLocaleString()} contact names filled from Sendblue.
        </p>
      ) : null}
      {job.error ? (
        <p className="text-sm text-amber-800 dark:text-amber-300">Last problem (it retries on its own): {job.error}</p>
      ) : null}
    </div>
  );
}
