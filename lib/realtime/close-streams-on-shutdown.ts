import { log } from "@/lib/http/log";
import { closeAllEventStreams } from "./sse-stream";

// `next start` answers SIGTERM/SIGINT by closing its HTTP server and waiting for every open
// response to finish. Dashboard tabs hold event streams open indefinitely, so without this
// the process lingered until systemd killed it. Ending the streams lets it exit at once;
// the browsers' EventSource reconnects to the next server by itself.

let installed = false;

export function closeEventStreamsOnShutdown(): void {
  // Only where a server already handles the signals (`next start`): adding the first
  // listener would otherwise cancel Node's default exit-on-signal.
  if (installed || process.listenerCount("SIGTERM") === 0) return;
  installed = true;
  const onSignal = (signal: NodeJS.Signals) => {
    const closed = closeAllEventStreams();
    log("info", "shutting down: closed live event streams", { signal, streams: closed });
  };
  // `on`, not `once`: Next's own handler stays registered too, and a second signal must not
  // fall through to Node's default (immediate exit without cleanup) because ours was removed.
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
