// `npm run test:crash`: webhooks at a steady rate from concurrent senders while the server is
// killed with SIGKILL at random moments (and, in a last round, PostgreSQL is stopped in
// immediate mode, its crash), each restarted. Then it proves that every webhook that got a
// 2xx is in the database with its effects and that nothing is half-applied, and prints the
// counts. Exits 1 on any loss. Senders behave like Sendblue: a webhook that got no 2xx is
// sent again until it does.
//
//   npm run test:crash -- [--rounds 3] [--senders 20] [--round-seconds 4] [--no-pg-restart]
//
// Uses a PostgreSQL server of its own (embedded, under DATA_DIR/crash) so it can crash it.
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db-tools/embedded-postgres";
import { migrate } from "@/lib/db-tools/migrate";
import { env, inheritedEnv } from "@/lib/env";
import { loadOrCreateLocalSecrets } from "./lib/local-secrets";
import { inboundMessage } from "./lib/demo/bodies";
import { markdownTable } from "./lib/markdown-table";
import { startProductionServer, type BenchServer } from "./lib/next-server";
import { verifyNoLoss } from "./lib/crash-checks";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    senders: { type: "string", default: "20" },
    "round-seconds": { type: "string", default: "4" },
    "no-pg-restart": { type: "boolean", default: false },
  },
});
const ROUNDS = Number(values.rounds);
const SENDERS = Number(values.senders);
const ROUND_MS = Number(values["round-seconds"]) * 1000;
const SECRET = "crash-test-webhook-secret";
const log = (line: string) => console.error(`[crash] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Stats = { sent: number; acknowledged: number; refused: number; networkErrors: number };
const stats: Stats = { sent: 0, acknowledged: 0, refused: 0, networkErrors: 0 };
const acknowledged = new Set<string>();
let base = "";
let sending = true;

/** One sender: posts a webhook, and the same one again until it gets a 2xx (as Sendblue retries). */
async function sender(index: number): Promise<void> {
  const contacts = Array.from(
    { length: 5 },
    (_, i) => `+1555${String(index).padStart(3, "0")}${String(i).padStart(4, "0")}`,
  );
  const next = (n: number) =>
    inboundMessage({
      handle: randomUUID(),
      line: "+15122164639",
      contact: contacts[n % contacts.length]!,
      content: `crash test ${n}`,
      at: new Date(),
    });
  let body = next(0);
  while (sending) {
    stats.sent++;
    try {
      const res = await fetch(`${base}/api/webhooks/receive`, {
        method: "POST",
        headers: { "content-type": "application/json", "sb-signing-secret": SECRET },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (res.ok) {
        stats.acknowledged++;
        acknowledged.add(body.message_handle);
        body = next(stats.sent);
      } else {
        stats.refused++; // 503 while the database is down: not acknowledged, so sent again
        await sleep(100);
      }
    } catch {
      stats.networkErrors++; // the server is dead or restarting
      await sleep(100);
    }
    await sleep(20);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  process.once("exit", () => log(`took ${Math.round((Date.now() - started) / 1000)} s`));
  const config = env();
  const dataDir = path.join(config.DATA_DIR, "crash");
  await rm(path.join(dataDir, "pg"), { recursive: true, force: true });
  const password = loadOrCreateLocalSecrets(config.DATA_DIR).databasePassword;
  const pgOptions = { dataDir, port: config.EMBEDDED_PG_PORT + 3, database: "crash", password, log };
  let database: EmbeddedDatabase = await startEmbeddedPostgres(pgOptions);
  // Never leave the crash test's PostgreSQL running, whatever happens.
  const stopDatabase = () => database.stop().catch(() => {});
  process.once("SIGINT", () => void stopDatabase().then(() => process.exit(130)));
  process.once("SIGTERM", () => void stopDatabase().then(() => process.exit(143)));
  try {
    await run(database, (d) => (database = d), pgOptions);
  } finally {
    await stopDatabase();
  }
}

async function run(
  first: EmbeddedDatabase,
  replace: (d: EmbeddedDatabase) => void,
  pgOptions: Parameters<typeof startEmbeddedPostgres>[0],
): Promise<void> {
  let database = first;
  log(`PostgreSQL on 127.0.0.1:${pgOptions.port}; migrating`);
  await migrate(database.url);

  const childEnv = {
    ...inheritedEnv(),
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    SENDBLUE_WEBHOOK_SECRET: SECRET,
    MEDIA_WORKER: "off",
    SENDBLUE_SYNC_WORKER: "off",
    LOG_LEVEL: "error",
  } as NodeJS.ProcessEnv;
  let server: BenchServer = await startProductionServer(childEnv, log);
  const port = Number(new URL(server.base).port);
  base = server.base;
  const senders = Array.from({ length: SENDERS }, (_, i) => sender(i));
  const rows: string[][] = [];
  const snapshot = () => ({ ...stats });
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const before = snapshot();
      await sleep(ROUND_MS / 2 + Math.random() * (ROUND_MS / 2));
      server.process.kill("SIGKILL");
      await new Promise((r) => server.process.once("exit", r));
      const killedAt = snapshot();
      log(
        `round ${round}/${ROUNDS}: server killed (SIGKILL) after ${killedAt.acknowledged - before.acknowledged} acknowledged; restarting`,
      );
      server = await startProductionServer(childEnv, log, { port });
      rows.push([
        `kill -9 server #${round}`,
        String(killedAt.acknowledged - before.acknowledged),
        String(snapshot().networkErrors - before.networkErrors),
      ]);
    }
    if (!values["no-pg-restart"]) {
      const before = snapshot();
      await sleep(ROUND_MS / 2 + Math.random() * (ROUND_MS / 2));
      await crashPostgres(database.url);
      log("PostgreSQL stopped in immediate mode (no checkpoint: crash recovery on start); restarting it");
      await sleep(1000);
      database = await startEmbeddedPostgres(pgOptions);
      replace(database);
      await sleep(ROUND_MS);
      rows.push([
        "PostgreSQL crash",
        String(snapshot().acknowledged - before.acknowledged),
        String(snapshot().refused - before.refused),
      ]);
    }
    await sleep(ROUND_MS / 2);
  } finally {
    sending = false;
    await Promise.all(senders);
    await server.stop();
  }

  const result = await verifyNoLoss(database.url, [...acknowledged]);
  console.log(markdownTable(["round", "acknowledged in round", "refused or unreachable meanwhile"], rows));
  console.log();
  console.log(
    markdownTable(
      ["requests sent", "acknowledged (unique)", "found", "lost", "messages without raw row", "half-applied"],
      [
        [stats.sent, acknowledged.size, result.found, result.lost, result.withoutRawRow, result.halfApplied].map(
          String,
        ),
      ],
    ),
  );
  if (result.lost || result.withoutRawRow || result.halfApplied) {
    log(`FAILED: ${JSON.stringify(result.details)}`);
    process.exitCode = 1;
  } else {
    log("no acknowledged webhook was lost, and nothing is half-applied");
  }
}

/** Immediate shutdown: the postmaster and every backend stop at once, like a crash (recovery on start). */
async function crashPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
  await client.end();
  const { readFile } = await import("node:fs/promises");
  const pid = Number((await readFile(path.join(rows[0]!.dir, "postmaster.pid"), "utf8")).split("\n")[0]);
  process.kill(pid, "SIGQUIT");
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
      await sleep(100);
    } catch {
      return;
    }
  }
  throw new Error("PostgreSQL did not stop after SIGQUIT");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
