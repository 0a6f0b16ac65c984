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
}
