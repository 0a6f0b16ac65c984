// Next calls register() once per server process. On a long-running server it starts the
// media mirror's background worker; on Vercel (short-lived functions) the after-response
// kick and the cron sweep do the copying instead.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself and decided at build time; the check keeps the
  // Node-only worker (sharp, pg) out of the edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { shouldRunBackgroundWorker, startMediaWorker } = await import("@/lib/media/worker");
  if (!shouldRunBackgroundWorker()) return;
  const { env } = await import("@/lib/env");
  if (!env().DATABASE_URL) return;
  const { db } = await import("@/lib/db/client");
  startMediaWorker(db());
}
