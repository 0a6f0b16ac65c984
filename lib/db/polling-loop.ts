import { log } from "@/lib/http/log";

// A background loop that runs `pass` every `pollMs` (or at once when woken) until stopped;
// a failing pass is logged and the loop goes on. The media mirror and the outgoing webhook
// sender use it.

export type PollingLoop = { wake: () => void; stop: () => Promise<void> };

export function pollingLoop(name: string, pass: () => Promise<void>, pollMs: number): PollingLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await pass();
      } catch (error) {
        log("warn", `${name} pass failed`, { error: error instanceof Error ? error.message : String(error) });
      }
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, pollMs);
      });
    }
  })();
  const wake = () => {
    clearTimeout(timer);
    wakeUp?.();
  };
  return {
    wake,
    stop: async () => {
      stopped = true;
      wake();
      await loop;
    },
  };
}
