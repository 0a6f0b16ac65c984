import { inboxListener, type ListenSignal } from "./listen";

// Turns the process-wide listener into one server-sent-events response. Comment lines
// every HEARTBEAT_MS keep proxies from closing an idle stream and let us notice a
// browser that went away; `resync` tells the client to refetch after a database blip.

const HEARTBEAT_MS = 15_000;

export function inboxEventStream(signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (chunk: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const onSignal = (s: ListenSignal) => {
        if (s.kind === "event") send(`event: inbox\ndata: ${JSON.stringify(s.event)}\n\n`);
        else if (s.kind === "reconnected") send(`event: resync\ndata: {}\n\n`);
        else send(`event: degraded\ndata: {}\n\n`);
      };
      const unsubscribe = inboxListener().subscribe(onSignal);
      const heartbeat = setInterval(() => send(`: ping ${Date.now()}\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
}
