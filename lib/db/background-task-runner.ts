import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import { listUnfinishedTasks, runBackgroundTasks } from "./background-tasks";
import { pgPool } from "./pg-pool";

// The server's side of background tasks: while a migration's queued work is unfinished, try
// to run it every RETRY_MS (another server may hold the runner lock, or a batch failed);
// then stop polling (new tasks only arrive with migrations, which come with a restart).

const RETRY_MS = 30_000;
// Between batches: on a shared 2-core host the backfill should not starve webhooks.
const PAUSE_MS = 20;

const globalForRunner = globalThis as unknown as { inboxTaskRunner?: { stop: () => void } };

export function startBackgroundTaskRunner(): void {
  if (globalForRunner.inboxTaskRunner) return;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  globalForRunner.inboxTaskRunner = {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
  const url = env().DATABASE_URL!;
  const pass = async () => {
    try {
      if ((await listUnfinishedTasks(pgPool())).length === 0) return;
      const result = await runBackgroundTasks(url, {
        pauseMs: PAUSE_MS,
        shouldStop: () => stopped,
        log: (message, fields) => log("info", message, fields),
      });
      if (result === "done") return;
    } catch (error) {
      log("warn", "background task failed; retrying", {
        error: error instanceof Error ? error.message : String(error),
        retryInMs: RETRY_MS,
      });
    }
    if (!stopped) timer = setTimeout(pass, RETRY_MS).unref();
  };
  void pass();
}
