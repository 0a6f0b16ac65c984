"use client";

import { useState } from "react";
import useSWR from "swr";
import type { z } from "zod";
import { LocalTime } from "@/components/shell/local-time";
import type { endpointCreated, endpointList } from "@/lib/outgoing/endpoint-schemas";
import { EVENT_LABELS, EVENT_TYPES, SLACK_EVENT_TYPES, type EventType } from "@/lib/outgoing/event-types";
import { DeliveryLog } from "./delivery-log";
import { getJson, sendJson } from "@/components/shell/api-client";
import { buttonClass, cardClass, inputClass, quietButtonClass } from "@/components/shell/form-classes";
import { FormNotes } from "@/components/shell/form-parts";

// Settings → Integrations (owners): outgoing webhook endpoints and Slack targets. A webhook's
// signing secret is shown once, when it is created.

type Endpoint = z.output<typeof endpointList>["endpoints"][number];
type Created = z.output<typeof endpointCreated>;

const SLACK_LABELS: Partial<Record<EventType, string>> = {
  "message.received": "New inbound messages",
  "message.status": "Failed sends",
};

export function Integrations() {
  const { data, error, mutate } = useSWR<{ endpoints: Endpoint[] }>("/api/integrations/endpoints", getJson, {
    refreshInterval: 10_000,
  });
  const [kind, setKind] = useState<"webhook" | "slack">("webhook");
  const [created, setCreated] = useState<Created | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [openLog, setOpenLog] = useState<number | null>(null);
  const choices: readonly EventType[] = kind === "slack" ? SLACK_EVENT_TYPES : EVENT_TYPES;

  async function create(form: FormData) {
    setProblem(null);
    try {
      const events = form.getAll("events").map(String);
      const line = String(form.get("line") ?? "").trim() || null;
      setCreated(
        await sendJson<Created>("/api/integrations/endpoints", "POST", { kind, url: form.get("url"), events, line }),
      );
      await mutate();
    } catch (e) {
      setProblem((e as Error).message);
    }
  }

  async function act(run: () => Promise<unknown>) {
    setProblem(null);
    await run().catch((e: Error) => setProblem(e.message));
    await mutate();
  }

  return (
    <section className={cardClass} aria-labelledby="integrations-heading">
      <div className="space-y-1">
        <h2 id="integrations-heading" className="font-medium">
          Integrations
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Send events to your CRM, help desk, Zapier or n8n as signed webhooks (Standard Webhooks), or notices to a
          Slack channel. Bodies are described in the{" "}
          <a className="underline" href="/api-docs">
            API reference
          </a>
          .
        </p>
      </div>
      <form action={create} className="space-y-3" aria-label="Add an endpoint">
        <fieldset className="flex gap-4 text-sm">
          <legend className="mb-1 font-medium">Kind</legend>
          {(["webhook", "slack"] as const).map((k) => (
            <label key={k} className="flex items-center gap-1.5">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {k === "webhook" ? "Webhook" : "Slack incoming webhook"}
            </label>
          ))}
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <label className="min-w-64 flex-[3] space-y-1 text-sm">
            <span className="font-medium">URL (https)</span>
            <input
              name="url"
              type="url"
              required
              maxLength={2000}
              placeholder={kind === "slack" ? "https://hooks.slack.com/services/…" : "https://example.com/hooks/inbox"}
              className={inputClass}
            />
          </label>
          <label className="min-w-40 flex-1 space-y-1 text-sm">
            <span className="font-medium">Line (optional)</span>
            <input name="line" inputMode="tel" placeholder="Every line" className={inputClass} />
          </label>
        </div>
        <fieldset className="space-y-1 text-sm">
          <legend className="mb-1 font-medium">Events</legend>
          {choices.map((t) => (
            <label key={t} className="flex items-center gap-2">
              <input type="checkbox" name="events" value={t} defaultChecked />
              <span>{kind === "slack" ? SLACK_LABELS[t] : EVENT_LABELS[t]}</span>
              {kind === "webhook" ? (
                <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{t}</code>
              ) : null}
            </label>
          ))}
        </fieldset>
        <button type="submit" className={buttonClass}>
          Add endpoint
        </button>
      </form>
      {created?.secret ? (
        <div
          role="status"
          className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="font-medium">
            Signing secret for {created.endpoint.url} — copy it now, it will not be shown again:
          </p>
          <code data-testid="endpoint-secret" className="block break-all font-mono text-xs select-all">
            {created.secret}
          </code>
        </div>
      ) : null}
      <FormNotes problem={problem ?? (error as Error | undefined)?.message} />
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Endpoints">
        {data?.endpoints.length === 0 ? (
          <li className="py-2 text-zinc-500 dark:text-zinc-400">No endpoints yet.</li>
        ) : null}
        {data?.endpoints.map((e) => (
          <li key={e.id} className="space-y-2 py-3">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0 space-y-0.5">
                <p className="break-all font-medium">{e.url}</p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {e.kind === "slack" ? "Slack" : "Webhook"} · {e.line ?? "every line"} · {e.events.join(", ")}
                </p>
                <EndpointStatus endpoint={e} />
              </div>
              <div className="flex gap-2">
                <button
                  type="button"
                  className={quietButtonClass}
                  aria-expanded={openLog === e.id}
                  onClick={() => setOpenLog(openLog === e.id ? null : e.id)}
                >
                  Deliveries
                </button>
                <button
                  type="button"
                  className={quietButtonClass}
                  onClick={() =>
                    act(() => sendJson(`/api/integrations/endpoints/${e.id}`, "PATCH", { enabled: !e.enabled }))
                  }
                >
                  {e.enabled ? "Disable" : "Enable"}
                </button>
                <button
                  type="button"
                  className={quietButtonClass}
                  onClick={() => act(() => sendJson(`/api/integrations/endpoints/${e.id}`, "DELETE"))}
                  aria-label={`Remove ${e.url}`}
                >
                  Remove
                </button>
              </div>
            </div>
            {openLog === e.id ? <DeliveryLog endpointId={e.id} onResent={() => mutate()} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EndpointStatus({ endpoint: e }: { endpoint: Endpoint }) {
  if (!e.enabled) {
    return (
      <p role="note" className="text-xs font-medium text-red-700 dark:text-red-400">
        Disabled{e.disabledReason ? `: ${e.disabledReason}` : ""}
      </p>
    );
  }
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-400">
      <span className="font-medium text-emerald-700 dark:text-emerald-400">Active</span>
      {e.failingSince ? (
        <span className="text-amber-700 dark:text-amber-400">
          {" "}
          · failing since <LocalTime iso={e.failingSince} />
        </span>
      ) : null}
      {` · ${e.pending} waiting · ${e.failed} failed`}
    </p>
  );
}
