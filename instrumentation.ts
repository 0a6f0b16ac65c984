// Runs once when a server instance starts (Next.js instrumentation hook).
export async function register() {
  const { env } = await import("@/lib/env");
  // Validate configuration now, so a bad variable stops the server with one clear line
  // instead of failing the first request.
  let config;
  try {
    config = env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (config.NEXT_RUNTIME !== "nodejs") return;
  const { announceSetupToken } = await import("@/lib/startup/announce-setup-token");
  await announceSetupToken();
  // On a long-running server the media mirror copies in the background; on Vercel the
  // after-response kick and the cron sweep do it instead (lib/media/kick.ts, /api/media/sweep).
  const { shouldRunBackgroundWorker, startMediaWorker } = await import("@/lib/media/worker");
  if (shouldRunBackgroundWorker() && config.DATABASE_URL) {
    const { db } = await import("@/lib/db/client");
    startMediaWorker(db());
  }
}
