import type { Metadata } from "next";
import { connection } from "next/server";
import { EventFilters } from "@/components/events/event-filters";
import { EventLog } from "@/components/events/event-log";
import { WebhookUrls } from "@/components/events/webhook-urls";
import { EmptyState } from "@/components/shell/empty-state";
import { PageFrame } from "@/components/shell/page-frame";
import { currentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { publicOrigin } from "@/lib/http/public-origin";
import { listWebhookEventsQuery } from "@/lib/read/api-schemas";
import { listWebhookEvents, OUTCOMES } from "@/lib/read/list-webhook-events";
import { REFUSAL_SAMPLE_BYTES, refusalTotals } from "@/lib/webhooks/record-refusal";
import { WEBHOOK_TYPES } from "@/lib/webhooks/webhook-types";

export const metadata: Metadata = { title: "Webhook log · Sendblue Inbox" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function EventsPage({ searchParams }: { searchParams: Search }) {
  await connection(); // live data: never prerendered at build time
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  // A hand-edited URL with an unknown outcome shows everything rather than an error page.
  const parsed = listWebhookEventsQuery.safeParse({ type: first(raw.type), outcome: first(raw.outcome) });
  const query = parsed.success ? parsed.data : {};
  const filters = { type: query.type ?? "", outcome: query.outcome ?? "" };
  const [initial, origin, viewer, refusals] = await Promise.all([
    listWebhookEvents(db(), { type: query.type, outcome: query.outcome }),
    publicOrigin(),
    currentUser(),
    refusalTotals(pgPool()),
  ]);
  const showStatusToken = viewer?.role === "owner";
  // The parsed body stays on the server (it can nest too deeply to pass as a prop); the
  // browser gets the pretty-printed text.
  initial.events = initial.events.map((e) => ({ ...e, json: null }));
  const filtered = Boolean(filters.type || filters.outcome);
  const empty = initial.events.length === 0;

  return (
    <PageFrame
      title="Webhook log"
      description="Every request Sendblue made to this inbox, byte for byte, and what became of it."
      actions={<EventFilters type={filters.type} outcome={filters.outcome} types={WEBHOOK_TYPES} outcomes={OUTCOMES} />}
    >
      {filters.outcome === "unauthorized" && refusals.count > 0 ? (
        <p role="status" data-testid="refusal-totals" className="text-sm text-zinc-600 dark:text-zinc-400">
          {refusals.count.toLocaleString()} {refusals.count === 1 ? "request" : "requests"} refused for a wrong or
          missing secret; {refusals.sampled.toLocaleString()} kept here as samples (the first from each address each
          minute, a few per minute at most, with the first {REFUSAL_SAMPLE_BYTES / 1024} KB of the body). The rest are
          only counted.
        </p>
      ) : null}
      {empty && !filtered ? (
        <EmptyState title="No webhooks received yet" wide>
          <WebhookUrls origin={origin} showStatusToken={showStatusToken} />
        </EmptyState>
      ) : (
        <>
          {empty ? (
            <EmptyState title="Nothing matches these filters">
              <p>Choose another type or outcome, or all of them.</p>
            </EmptyState>
          ) : (
            <EventLog key={`${filters.type}|${filters.outcome}`} filters={filters} initial={initial} />
          )}
          <details className="rounded-xl border border-zinc-200 px-4 py-3 dark:border-zinc-800">
            <summary className="cursor-pointer text-sm font-medium">Webhook URLs to paste into Sendblue</summary>
            <div className="mt-3">
              <WebhookUrls origin={origin} showStatusToken={showStatusToken} />
            </div>
          </details>
        </>
      )}
    </PageFrame>
  );
}
