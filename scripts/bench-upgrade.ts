// `npm run bench:upgrade -- --messages 1000000 [--behind 20261202081000_search_stems] [--port 3180] [--database NAME] [--keep | --reuse URL]`
// An upgrade must not stop the inbox. Builds a scratch database one migration behind (every
// migration but --behind, the newest by default) holding bench:search's corpus, then times
// `npm start`'s own path (scripts/start.ts: migrations, then `next start`) from spawn to a
// healthy /api/health, and follows the background work that migration queued to its end,
// posting webhooks and searching all the while to show the server serves and ingests.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import pg from "pg";
import { listUnfinishedTasks } from "@/lib/db/background-tasks";
import { migrate, readMigrations } from "@/lib/db-tools/migrate";
import { inheritedEnv } from "@/lib/env";
import { receiveBody } from "./lib/bench-bodies";
import { createScratchDatabase, openScratchServer } from "./lib/database";
import { ensureBuild } from "./lib/ensure-build";
import { loadCorpus } from "./lib/corpus-load";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "100000" },
    behind: { type: "string" },
    port: { type: "string", default: "3180" },
    database: { type: "string" },
    keep: { type: "boolean", default: false },
    // A database already one migration behind (an earlier --keep run, rolled back by hand).
    reuse: { type: "string" },
  },
});
const N = Number(args.messages);
const log = (line: string) => console.log(`[bench] ${line}`);

const pct = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main() {
  const all = await readMigrations();
  const behind = args.behind ?? all.at(-1)!.name;
  if (!all.some((m) => m.name === behind)) throw new Error(`no migration named ${behind}`);
  // The migrations folder as it was before `behind` (and anything after it).
  const dir = await mkdtemp(path.join(tmpdir(), "bench-upgrade-"));
  for (const m of all.filter((m) => m.name < behind))
    await cp(path.resolve("prisma/migrations", m.name), path.join(dir, m.name), { recursive: true });

  const server = await openScratchServer("bench", log);
  const scratch = args.reuse
    ? { url: args.reuse, name: new URL(args.reuse).pathname.slice(1), drop: async () => {} }
    : await createScratchDatabase(server.url, "inbox_bench_upgrade", args.database);
  log(`${args.reuse ? "reusing" : "scratch"} database ${scratch.name}; one migration behind: ${behind}`);
  const client = new pg.Client({ connectionString: scratch.url });
  let child: ReturnType<typeof spawn> | undefined;
  try {
    await client.connect();
    if (!args.reuse) {
      await migrate(scratch.url, { dir, log });
      await loadCorpus(client, N, { log });
    }
    await rm(dir, { recursive: true });
    const n = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM messages")).rows[0]!.n;
    // Not part of the timing (a deploy builds before it restarts), and just before it, so
    // npm start finds the build fresh.
    ensureBuild(inheritedEnv(), log);

    const port = Number(args.port);
    const base = `http://127.0.0.1:${port}`;
    const secret = randomBytes(18).toString("base64url");
    const token = randomBytes(24).toString("base64url");
    const lines: string[] = [];
    const startServer = async () => {
      const started = performance.now();
      let migratedAt = Number.NaN;
      const proc = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
        env: {
          ...inheritedEnv(),
          DATABASE_URL: scratch.url,
          PORT: String(port),
          SENDBLUE_WEBHOOK_SECRET: secret,
          INBOX_API_TOKEN: token,
          MEDIA_WORKER: "off",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const onLine = (chunk: Buffer) => {
        for (const line of chunk.toString().split("\n").filter(Boolean)) {
          lines.push(line);
          if (line.includes("[inbox] migrations:")) migratedAt = performance.now();
          if (/background task (progress|done|started)/.test(line)) log(`server log: ${line.slice(0, 220)}`);
        }
      };
      proc.stdout!.on("data", onLine);
      proc.stderr!.on("data", onLine);
      for (;;) {
        if (proc.exitCode !== null)
          throw new Error(`npm start exited with ${proc.exitCode}:\n${lines.slice(-20).join("\n")}`);
        const res = await fetch(`${base}/api/health`).catch(() => null);
        if (res?.ok) break;
        if (performance.now() - started > 600_000) throw new Error("no healthy server within 10 minutes");
        await new Promise((r) => setTimeout(r, 100));
      }
      return { proc, healthyS: (performance.now() - started) / 1000, migratedS: (migratedAt - started) / 1000 };
    };
    const stopServer = async (proc: ReturnType<typeof spawn>) => {
      if (proc.exitCode !== null) return;
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      // The next start must not be answered by a server still shutting down on the port.
      while (
        await fetch(`${base}/api/health`).then(
          () => true,
          () => false,
        )
      )
        await new Promise((r) => setTimeout(r, 200));
    };

    const upgrade = await startServer();
    child = upgrade.proc;
    const healthyS = upgrade.healthyS;
    const migratedAt = upgrade.migratedS;
    log(`healthy ${healthyS.toFixed(1)} s after spawn (migrations done after ${migratedAt.toFixed(1)} s)`);

    // The background work, followed to its end while webhooks and searches keep coming.
    const ingest: number[] = [];
    const search: number[] = [];
    let failures = 0;
    const bar = new cliProgress.SingleBar(
      { format: "[bench] backfill [{bar}] {percentage}% | {value}/{total} ids | {eta_formatted} left" },
      cliProgress.Presets.shades_classic,
    );
    let barStarted = false;
    const backfillStarted = performance.now();
    let tick = 0;
    for (;;) {
      const pending = await listUnfinishedTasks(client);
      if (!pending.length) break;
      const t = pending[0]!;
      if (t.upperBound) {
        if (!barStarted) bar.start(t.upperBound, t.position ?? 0), (barStarted = true);
        bar.update(t.position ?? 0);
      }
      const at = performance.now();
      if (tick++ % 2 === 0) {
        const res = await fetch(`${base}/api/webhooks/receive`, {
          method: "POST",
          headers: { "content-type": "application/json", "sb-signing-secret": secret },
          body: receiveBody(),
        }).catch(() => null);
        if (res?.status === 200) ingest.push(performance.now() - at);
        else failures++;
      } else {
        const res = await fetch(`${base}/api/search?q=${tick % 4 === 1 ? "refunds" : "tomorrow"}`, {
          headers: { authorization: `Bearer ${token}` },
        }).catch(() => null);
        if (res?.status === 200) search.push(performance.now() - at);
        else failures++;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (barStarted) bar.stop();
    const backfillS = (performance.now() - backfillStarted) / 1000;
    const {
      rows: [task],
    } = await client.query<{ rows_done: string; upper_bound: string }>(
      "SELECT rows_done, upper_bound FROM background_tasks ORDER BY finished_at DESC NULLS LAST LIMIT 1",
    );

    // The floor, in the same run: the same start on the now up-to-date database.
    await stopServer(child);
    const again = await startServer();
    child = again.proc;
    log(`restart on the upgraded database: healthy after ${again.healthyS.toFixed(1)} s`);

    const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
    console.log(
      `\nupgrade of ${n.toLocaleString("en-US")} messages, one migration behind (${behind}); load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}\n`,
    );
    console.log("| step | value |");
    console.log("|---|--:|");
    console.log(`| npm start → migrations applied | ${migratedAt.toFixed(1)} s |`);
    console.log(`| npm start → healthy /api/health | ${healthyS.toFixed(1)} s |`);
    console.log(
      `| floor: npm start → healthy, nothing to migrate | ${again.healthyS.toFixed(1)} s (migrations checked after ${again.migratedS.toFixed(1)} s) |`,
    );
    console.log(
      `| background backfill, healthy → done | ${backfillS.toFixed(0)} s (${Number(task?.rows_done ?? 0).toLocaleString("en-US")} of ${Number(task?.upper_bound ?? 0).toLocaleString("en-US")} messages rewritten) |`,
    );
    console.log(
      `| webhooks during it: stored (p50 / p95 ms) | ${ingest.length} (${f(pct(ingest, 50))} / ${f(pct(ingest, 95))}) |`,
    );
    console.log(
      `| searches during it: answered (p50 / p95 ms) | ${search.length} (${f(pct(search, 50))} / ${f(pct(search, 95))}) |`,
    );
    console.log(`| requests failed during it | ${failures} |`);
  } finally {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child!.once("exit", r));
    }
    await client.end().catch(() => {});
    if (args.keep) log(`kept ${scratch.url}`);
    else await scratch.drop();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
