// `npm start`: database (embedded unless DATABASE_URL), migrations, production build if
// stale, then `next start`. `--dev` runs `next dev` instead of building.
import { spawn } from "node:child_process";
import { env, EnvError, inheritedEnv } from "@/lib/env";
import { migrate } from "@/lib/db/migrate";
import { openAppDatabase } from "./lib/database";
import { ensureBuild, require_next_bin } from "./lib/ensure-build";
import { loadOrCreateLocalSecrets } from "./lib/local-secrets";

const log = (line: string) => console.log(`[inbox] ${line}`);
const dev = process.argv.includes("--dev");

async function main() {
  const config = env();
  const database = await openAppDatabase(log);
  const { applied, alreadyApplied, pending } = await migrate(database.url, { log });
  log(`migrations: ${applied.length} applied now, ${alreadyApplied} already in place`);
  for (const t of pending) log(`continues in the background while the inbox serves: ${t.description} (${t.percent ?? 0}% done)`);

  const childEnv: NodeJS.ProcessEnv = { ...inheritedEnv(), DATABASE_URL: database.url };
  if (!config.SENDBLUE_WEBHOOK_SECRET || !config.INBOX_API_TOKEN) {
    const local = loadOrCreateLocalSecrets(config.DATA_DIR);
    if (!config.SENDBLUE_WEBHOOK_SECRET && !config.ALLOW_UNSIGNED_WEBHOOKS) {
      childEnv.SENDBLUE_WEBHOOK_SECRET = local.webhookSecret;
      log(`SENDBLUE_WEBHOOK_SECRET not set: using the generated one in ${config.DATA_DIR}/secrets.json`);
    }
    if (!config.INBOX_API_TOKEN) {
      childEnv.INBOX_API_TOKEN = local.apiToken;
      log(`INBOX_API_TOKEN not set: using the generated one in ${config.DATA_DIR}/secrets.json`);
    }
  }

  if (!dev) ensureBuild(childEnv, log);
  const args = dev ? ["dev", "-p", String(config.PORT)] : ["start", "-p", String(config.PORT)];
  const server = spawn(process.execPath, [require_next_bin(), ...args], {
    stdio: "inherit",
    env: { ...childEnv, NODE_ENV: dev ? "development" : "production" },
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

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[inbox] failed to start: ${(error as Error).message}`);
  process.exit(1);
});
