// Runs once when a server instance starts (Next.js instrumentation hook).
export async function register() {
  // Next.js inlines NEXT_RUNTIME at build time (the one environment read outside
  // lib/env.ts), so the edge bundle drops the Node-only start-up below entirely.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("@/lib/startup/start-server");
    await startServer();
  }
}
