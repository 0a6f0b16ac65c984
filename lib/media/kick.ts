import { after } from "next/server";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import { backgroundWorker, runMediaBatch } from "./worker";

// After a webhook is acknowledged, start copying its media without waiting for the next
// poll. The pending row is already committed, so this is only a head start: when it cannot
// run (outside a request, a function frozen early), the worker or the cron sweep copies it.

export function kickMediaMirror(): void {
  // "off": this process never copies; a separate `npm run worker` or the sweep does.
  if (env().MEDIA_WORKER === "off") return;
  const worker = backgroundWorker();
  if (worker) {
    worker.wake();
    return;
  }
  try {
    after(async () => {
      try {
        await runMediaBatch(db(), { limit: 4 });
      } catch (error) {
        log("warn", "media after-response batch failed", {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    });
  } catch {
    // after() throws outside a request scope (scripts, in-process tests): nothing to do.
  }
}
