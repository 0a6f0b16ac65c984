import { log } from "@/lib/http/log";
import { inboxListener, type ListenSignal } from "./listen";

// Turns the process-wide listener into one server-sent-events response. Comment lines
// every HEARTBEAT_MS keep proxies from closing an idle stream and let us notice a
// browser that went away; `resync` tells the client to refetch after a database blip.
//
// A stream outlives the request that authenticated it, so it re-checks its caller every
// RECHECK_MS, and at once when a member's sessions or tokens change (an `access`
// notification, sent by revoke-access.ts and sessions.ts). When the caller is no longer
// allowed it sends `signed-out` and ends: no more events for a disabled member or a
// session signed out elsewhere.

const HEARTBEAT_MS = 15_000;
export const RECHECK_MS = 30_000;

// Every open stream's close, so a shutdown can end them: an event stream never finishes on
// its own, and `next start` waits for every open response before it exits. On globalThis:
// the route and the start-up hook that closes them are bundled apart, each with its own
// copy of this module.
const globalForStreams = globalThis as unknown as { inboxEventStreams?: Set<() => void> };
const openStreams = (globalForStreams.inboxEventStreams ??= new Set<() => void>());

/** How many event streams this process has open (a metric). */
export function openEventStreamCount(): number {
  return openStreams.size;
}

/** Ends every open event stream (browsers reconnect on their own); returns how many. */
export function closeAllEventStreams(): number {
  const closes = [...openStreams];
  for (const close of closes) close();
  return closes.length;
}

export type StreamAccess = {
  /** Whose stream this is (null: shared automation), to pick out `access` notifications. */
  userId: number | null;
  stillAllowed: () => Promise<boolean>;
  /** How often to re-check; a parameter so tests can use a short interval. */
  recheckMs?: number;
};

export function inboxEventStream(signal: AbortSignal, access: StreamAccess): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let checking = false;
      const send = (chunk: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const recheck = async () => {
        if (checking || !open) return;
        checking = true;
        try {
          if (!(await access.stillAllowed())) {
            send(`event: signed-out\ndata: {}\n\n`);
            cleanup();
          }
        } catch (error) {
          // The database is unreachable: no events flow either; check again next time.
          log("warn", "event stream could not re-check its caller", { error: String(error) });
        } finally {
          checking = false;
        }
      };
      const onSignal = (s: ListenSignal) => {
        if (s.kind === "event" && s.event.type === "access") {
          if (s.event.userId === access.userId) void recheck();
        } else if (s.kind === "event") send(`event: inbox\ndata: ${JSON.stringify(s.event)}\n\n`);
        else if (s.kind === "reconnected") send(`event: resync\ndata: {}\n\n`);
        else send(`event: degraded\ndata: {}\n\n`);
      };
      const unsubscribe = inboxListener().subscribe(onSignal);
      const heartbeat = setInterval(() => send(`: ping ${Date.now()}\n\n`), HEARTBEAT_MS);
      const rechecks = setInterval(() => void recheck(), access.recheckMs ?? RECHECK_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        openStreams.delete(cleanup);
        clearInterval(heartbeat);
        clearInterval(rechecks);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      openStreams.add(cleanup);
      signal.addEventListener("abort", cleanup, { once: true });
      send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
}
