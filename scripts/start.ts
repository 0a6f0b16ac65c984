// `npm start`: database (embedded unless DATABASE_URL), migrations, production build if
// stale, then `next start`. `--dev` runs `next dev` instead of building.
import { spawn } from "node:child_process";
import path from "node:path";
import { env, EnvError, inheritedEnv, type Env } from "@/lib/env";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";
import { migrate } from "@/lib/db-tools/migrate";
import { openAppDatabase } from "./lib/database";
import { ensureBuild } from "./lib/ensure-build";
import { loadOrCreateLocalSecrets } from "./lib/local-secrets";
import { withServerMemoryLimits } from "./lib/server-memory";

const log = (line: string) => console.log(`[inbox] ${line}`);
const dev = process.argv.includes("--dev");

async function main() {
  const config = env();
  const database = await openAppDatabase(log);
  const { applied, alreadyApplied, pending } = await migrate(database.url, { log });
  log(`migrations: ${applied.length} applied now, ${alreadyApplied} already in place`);
  for (const t of pending)
    log(`continues in the background while the inbox serves: ${t.description} (${t.percent ?? 0}% done)`);

  const childEnv: NodeJS.ProcessEnv = { ...inheritedEnv(), DATABASE_URL: database.url };
  if (!config.SENDBLUE_WEBHOOK_SECRET || !config.INBOX_API_TOKEN || !config.VAPID_PRIVATE_KEY) {
    const local = loadOrCreateLocalSecrets(config.DATA_DIR);
    if (!config.SENDBLUE_WEBHOOK_SECRET && !config.ALLOW_UNSIGNED_WEBHOOKS) {
      childEnv.SENDBLUE_WEBHOOK_SECRET = local.webhookSecret;
      log(`SENDBLUE_WEBHOOK_SECRET not set: using the generated one in ${config.DATA_DIR}/secrets.json`);
    }
    if (!config.INBOX_API_TOKEN) {
      childEnv.INBOX_API_TOKEN = local.apiToken;
      log(`INBOX_API_TOKEN not set: using the generated one in ${config.DATA_DIR}/secrets.json`);
    }
    if (!config.VAPID_PRIVATE_KEY) {
      // Web Push signs with it; browsers subscribe with its public half, derived by the server.
      childEnv.VAPID_PRIVATE_KEY = local.vapidPrivateKey;
      log(`VAPID_PRIVATE_KEY not set: Web Push uses the key generated in ${config.DATA_DIR}/secrets.json`);
    }
  }

  announceStatusCallback(config, childEnv.SENDBLUE_WEBHOOK_SECRET);

  if (!dev) ensureBuild(childEnv, log);
  // scripts/serve.mjs is `next start` (or `next dev`) plus the TCP peer's address, which
  // per-IP sign-in limits need (see lib/http/client-ip.ts).
  const args = ["--port", String(config.PORT), ...(dev ? ["--dev"] : [])];
  const server = spawn(process.execPath, [path.resolve("scripts/serve.mjs"), ...args], {
    // The IPC channel only tells the server when this process is gone (lib/startup/stop-with-parent.ts).
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    // next dev compiles in this process and needs far more heap: the limits are production's.
    env: dev
      ? { ...childEnv, NODE_ENV: "development" }
      : withServerMemoryLimits({ ...childEnv, NODE_ENV: "production" }),
  });
  log(`inbox on http://localhost:${config.PORT}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  server.on("exit", async (code) => {
    await database.close().catch(() => {});
    process.exit(code ?? 0);
  });
}

/** The status_callback URL for sends made outside the inbox, and why replies are off without PUBLIC_URL. */
function announceStatusCallback(config: Env, secret: string | undefined) {
  const origin = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
  if (secret)
    log(`status_callback URL for your own sends: ${origin}/api/webhooks/status?token=${statusCallbackToken(secret)}`);
  if (!config.PUBLIC_URL) {
    log(
      `PUBLIC_URL not set: replies stay off (their delivery statuses need an address Sendblue can reach). ` +
        `Set it to this inbox's public https address; for local tries with npm run sendblue:fake, PUBLIC_URL=http://localhost:${config.PORT}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[inbox] failed to start: ${(error as Error).message}`);
  process.exit(1);
});
