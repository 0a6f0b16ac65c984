import type { Db } from "@/lib/db/client";
import { log } from "@/lib/http/log";
import { wakeSnoozed } from "./wake-snoozed";

// On a long-running server, wake due snoozes every WAKE_EVERY_MS. Several servers may run
// this at once (wakeSnoozed is guarded); on Vercel the cron route /api/conversations/wake does it.

export const WAKE_EVERY_MS = 15_000;

export function startSnoozeWaker(db: Db): () => void {
  const timer = setInterval(() => {
    wakeSnoozed(db).catch((error) => log("warn", "snooze wake failed", { error: String(error) }));
  }, WAKE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
