import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import { pollingLoop } from "@/lib/db/polling-loop";
import { ingestBackloggedWithin } from "@/lib/webhooks/ingest-pressure";
import { drainPush } from "@/lib/notifications/push-deliver";
import { drainOutgoing } from "./deliver";

// The background sender on a long-running server: outgoing webhooks, Slack notices and Web
// Push (lib/notifications/push-deliver.ts), side by side so a slow endpoint does not hold up
// notifications. It polls the queues every second (deliveries
// are committed by the ingest transaction, so polling finds them; nothing is kicked from the
// webhook path, which keeps ingest cheap). While webhooks queue for the database, a pass
// sends one batch and stops: deliveries fall behind during a burst and catch up after it,
// instead of taking CPU from the webhooks Sendblue is waiting on. On Vercel, a cron calls
// /api/integrations/sweep.

/** How recently webhooks must have queued for the worker to give way. */
const GIVE_WAY_MS = 1_000;

type Worker = { stop: () => Promise<void> };
const globalForWorker = globalThis as unknown as { inboxOutgoingWorker?: Worker };

export function shouldRunOutgoingWorker(): boolean {
  const { OUTGOING_WORKER, VERCEL } = env();
  return OUTGOING_WORKER === "on" || (OUTGOING_WORKER === "auto" && !VERCEL);
}

export function startOutgoingWorker(db: Db, options: { pollMs?: number } = {}): Worker {
  if (globalForWorker.inboxOutgoingWorker) return globalForWorker.inboxOutgoingWorker;
  const loop = pollingLoop(
    "outgoing webhook worker",
    async () => {
      const giveWay = () => ingestBackloggedWithin(GIVE_WAY_MS);
      const [r, push] = await Promise.all([drainOutgoing(db, { giveWay }), drainPush(db, { giveWay })]);
      if (r.claimed) log("debug", "outgoing webhooks sent", { ...r });
      if (push.claimed) log("debug", "web pushes sent", { ...push });
    },
    options.pollMs ?? 1_000,
  );
  const worker: Worker = {
    stop: async () => {
      await loop.stop();
      globalForWorker.inboxOutgoingWorker = undefined;
    },
  };
  globalForWorker.inboxOutgoingWorker = worker;
  return worker;
}
