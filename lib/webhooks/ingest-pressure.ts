// Whether this process's webhook ingest is saturated: message webhooks waiting for the
// database behind a full set of in-flight batches (lib/webhooks/ingest-batcher.ts). Background
// work that can wait, like outgoing webhook deliveries, checks it and gives way, because
// Sendblue is waiting on our 200 and an integration is not. Kept on globalThis: Next.js may
// load the route handlers and the start-up code as separate module instances.

const state = globalThis as unknown as { inboxIngestBacklogAt?: number };

export function noteIngestBacklog(now = Date.now()): void {
  state.inboxIngestBacklogAt = now;
}

/** True when webhooks had to queue for the database within the last `ms`. */
export function ingestBackloggedWithin(ms: number, now = Date.now()): boolean {
  return now - (state.inboxIngestBacklogAt ?? -Infinity) < ms;
}
