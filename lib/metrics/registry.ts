import client from "prom-client";

// The process's Prometheus metrics (GET /api/metrics). Counters and the histogram are this
// process's own, as Prometheus expects: scrape every server, and sum across instances in
// the query. One registry on globalThis: route handlers and start-up hooks are bundled
// apart, each with its own copy of this module, and must still count into one place.

type Metrics = {
  registry: client.Registry;
  webhooks: client.Counter<"type" | "outcome">;
  ingestSeconds: client.Histogram<"type">;
  sends: client.Counter<"status">;
};

const globalForMetrics = globalThis as unknown as { inboxMetrics?: Metrics };

export function metrics(): Metrics {
  if (globalForMetrics.inboxMetrics) return globalForMetrics.inboxMetrics;
  const registry = new client.Registry();
  // Memory, CPU, event-loop lag, handles: what an operator looks at first when a box slows.
  client.collectDefaultMetrics({ register: registry });
  const made: Metrics = {
    registry,
    webhooks: new client.Counter({
      name: "inbox_webhooks_total",
      help: "Webhooks answered by this process, by type and outcome",
      labelNames: ["type", "outcome"],
      registers: [registry],
    }),
    ingestSeconds: new client.Histogram({
      name: "inbox_webhook_ingest_seconds",
      help: "Time from a webhook's arrival to its answer (stored durably first), by type",
      labelNames: ["type"],
      // A webhook costs ~1–5 ms unloaded; the tail that matters is Sendblue's timeout.
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    sends: new client.Counter({
      name: "inbox_sends_total",
      help: "Replies handed to Sendblue by this process, by the status Sendblue answered (FAILED when refused)",
      labelNames: ["status"],
      registers: [registry],
    }),
  };
  globalForMetrics.inboxMetrics = made;
  return made;
}

/** Counts one answered webhook and how long it took. */
export function observeWebhook(type: string, outcome: string, seconds: number): void {
  const m = metrics();
  m.webhooks.inc({ type, outcome });
  m.ingestSeconds.observe({ type }, seconds);
}

export function observeSend(status: string): void {
  metrics().sends.inc({ status });
}
