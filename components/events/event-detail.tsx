"use client";

import { useState } from "react";
import useSWR from "swr";
import { getJson, sendJson } from "@/components/shell/api-client";
import { LocalTime } from "@/components/shell/local-time";
import type { WebhookEventList } from "@/lib/read/list-webhook-events";
import type { ProcessOutcome } from "@/lib/webhooks/process-webhook";

export type EventView = WebhookEventList["events"][number];

const REPROCESSABLE = new Set(["failed", "invalid"]);

/** Headers, body (pretty JSON or the raw text) and, for failed or invalid ones, re-processing. */
export function EventDetail({
  event: listed,
  onReprocessed,
}: {
  event: EventView;
  onReprocessed: (o: ProcessOutcome) => void;
}) {
  // Large bodies are left out of the list; the whole event is fetched when opened.
  const { data: full } = useSWR<EventView>(listed.bodyOmitted ? `/api/webhook-events/${listed.id}` : null, getJson);
  const event = full ?? listed;
  const [state, setState] = useState<{ pending: boolean; result: ProcessOutcome | null; error: string | null }>({
    pending: false,
    result: null,
    error: null,
  });
  const canReprocess = REPROCESSABLE.has(event.outcome) && (event.body !== null || event.bodyOmitted);

  async function reprocess() {
    setState({ pending: true, result: null, error: null });
    try {
      const result = await sendJson<ProcessOutcome>(`/api/webhook-events/${event.id}/reprocess`, "POST");
      setState({ pending: false, result, error: null });
      onReprocessed(result);
    } catch (e) {
      setState({ pending: false, result: null, error: (e as Error).message });
    }
  }

  const headers = Object.entries((event.headers ?? {}) as Record<string, string>);
  return (
    <div className="space-y-4 bg-zinc-50 px-4 py-4 text-sm dark:bg-zinc-900/60">
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[8rem_1fr]">
        <Meta label="Received">
          <LocalTime iso={event.receivedAt} />
        </Meta>
        <Meta label="Answered">HTTP {event.statusCode}</Meta>
        {event.error ? (
          <Meta label="Error">
            <span className="text-red-700 dark:text-red-300">{event.error}</span>
          </Meta>
        ) : null}
        {event.messageHandle ? (
          <Meta label="Message">
            <code className="font-mono text-xs break-all">{event.messageHandle}</code>
          </Meta>
        ) : null}
        <Meta label="Request id">
          <code className="font-mono text-xs break-all">{event.requestId}</code>
        </Meta>
        <Meta label="Attempts">
          {event.attempts}
          {event.processedAt ? (
            <>
              {" "}
              · last <LocalTime iso={event.processedAt} />
            </>
          ) : null}
        </Meta>
      </dl>

      {canReprocess || state.result ? (
        <div className="flex flex-wrap items-center gap-3">
          {canReprocess ? (
            <button
              type="button"
              onClick={() => void reprocess()}
              disabled={state.pending}
              className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-60 dark:bg-blue-500 dark:text-zinc-950 dark:hover:bg-blue-400"
            >
              {state.pending ? "Re-processing…" : "Re-process"}
            </button>
          ) : null}
          <p role="status" className="text-sm">
            {state.result ? (
              <>
                Re-processed: <strong className="font-semibold">{state.result.outcome}</strong>
                {state.result.error ? (
                  <span className="text-zinc-600 dark:text-zinc-400"> — {state.result.error}</span>
                ) : null}
              </>
            ) : null}
          </p>
          {state.error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {state.error}
            </p>
          ) : null}
        </div>
      ) : null}

      <section aria-label="Headers" className="space-y-1.5">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Headers</h3>
        <table className="w-full font-mono text-xs">
          <tbody>
            {headers.map(([name, value]) => (
              <tr key={name}>
                <th
                  scope="row"
                  className="w-48 py-0.5 pr-3 text-left align-top font-normal text-zinc-500 dark:text-zinc-400"
                >
                  {name}
                </th>
                <td className="py-0.5 break-all">{String(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-label="Body" className="space-y-1.5">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Body · {event.bodySize.toLocaleString()} bytes
          {event.body !== null && event.pretty === null
            ? " · raw text (not JSON, or nested too deeply to format)"
            : null}
        </h3>
        {event.bodyOmitted ? (
          <p className="text-zinc-600 dark:text-zinc-400">Loading the body…</p>
        ) : event.body === null ? (
          <p className="text-zinc-600 dark:text-zinc-400">
            {event.bodyPrunedAt
              ? "The body was removed by retention (WEBHOOK_LOG_DAYS); the row stays, and so does duplicate detection."
              : "No body stored (the request was refused before it was read)."}
          </p>
        ) : (
          <pre
            data-testid="event-body"
            className="max-h-[28rem] overflow-auto rounded-md border border-zinc-200 bg-white p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all dark:border-zinc-800 dark:bg-zinc-950"
          >
            {event.pretty ?? event.body}
          </pre>
        )}
      </section>
    </div>
  );
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
