// `npm run bench:ingest`: durable webhook ingestion against the same server's cheapest
// route. Builds if stale, starts `next start` on a free port over a scratch database, and
// drives both with autocannon (50 connections). Ingestion is a receive + status mix with
// unique handles, every request committed (synchronous_commit on) before its 200.
// The baseline is GET /api/version: a real route with no database behind the same apiRoute
// wrapper and Next.js request handling, so the ratio isolates what durable ingestion costs.
// (A rejected webhook is no baseline: it writes its `unauthorized` row.) Server CPU per
// request is printed too, as the host's other load skews req/s and latency.
// Latency is measured twice: at saturation (50 connections sending as fast as answered, where
// by Little's law latency ≈ connections ÷ throughput, so p99 mostly restates req/s) and at a
// few steady offered rates (--rates, 50,100,200 req/s by default: well above one Sendblue
// account's traffic) from an open-loop generator (scripts/lib/steady-load.ts), where p99 is the wait a
// webhook really sees.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { migrate } from "@/lib/db-tools/migrate";
import { env, EnvError, inheritedEnv } from "@/lib/env";
import { receiveBody, statusBodies } from "./lib/bench-bodies";
import { createScratchDatabase, openScratchServer } from "./lib/database";
import { cpuSeconds, startProductionServer, type BenchServer } from "./lib/next-server";
import { steadyLoad, type SteadyRequest } from "./lib/steady-load";
import { startReceiver } from "./lib/webhook-receiver";
import { generateSecret } from "@/lib/outgoing/sign";

const log = (line: string) => console.error(`[bench] ${line}`);

type Row = { name: string; rps: number; p50: number; p99: number; ok: number; failed: number; cpuMs: number };

async function measure(pid: number, title: string, opts: autocannon.Options) {
  const before = cpuSeconds(pid);
  const result = await run(title, opts, true);
  return { result, cpu: cpuSeconds(pid) - before };
}

function run(title: string, opts: autocannon.Options, progress: boolean): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ ...opts, title }, (error, result) => (error ? reject(error) : resolve(result)));
    if (progress) {
      log(`${title}: ${opts.connections} connections, ${opts.duration} s`);
      autocannon.track(instance, { renderProgressBar: true, renderResultsTable: false, renderLatencyTable: false });
    }
  });
}

// Between phases: let the server drain, and VACUUM what the last phase left. Every message
// moves its conversation's last_activity_at, an indexed column, so each is a non-HOT update
// that leaves a dead row version; autovacuum clears them within a minute on a live server,
// but CI's PostgreSQL runs with autovacuum off, and a later phase would otherwise pay for
// tens of thousands of dead versions of a few hundred conversation rows.
async function settle(admin: pg.Client): Promise<void> {
  await new Promise((r) => setTimeout(r, 2000));
  await admin.query("VACUUM");
}

function versionOptions(base: string, token: string, connections: number, duration: number): autocannon.Options {
  // Authenticated like every API route: the shared token is checked in memory, no database.
  return {
    url: `${base}/api/version`,
    connections,
    duration,
    method: "GET",
    headers: { authorization: `Bearer ${token}` },
  };
}

function ingestOptions(base: string, secret: string, connections: number, duration: number): autocannon.Options {
  const headers = { "content-type": "application/json", "sb-signing-secret": secret };
  type Context = { delivered?: string };
  // Per connection: a new inbound message, then a status pair for a new outbound one.
  return {
    url: base,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        path: "/api/webhooks/receive",
        headers,
        setupRequest: (req) => ({ ...req, body: receiveBody() }),
      },
      {
        method: "POST",
        path: "/api/webhooks/outbound",
        headers,
        setupRequest: (req, context: Context) => {
          const { sent, delivered } = statusBodies();
          context.delivered = delivered;
          return { ...req, body: sent };
        },
      },
      {
        method: "POST",
        path: "/api/webhooks/outbound",
        headers,
        setupRequest: (req, context: Context) => ({ ...req, body: context.delivered! }),
      },
    ] as autocannon.Request[],
  };
}

async function measureSteady(pid: number, title: string, options: Parameters<typeof steadyLoad>[0]) {
  log(`${title}: open loop, ${options.seconds} s`);
  const before = cpuSeconds(pid);
  let shown = 0;
  const r = await steadyLoad({
    ...options,
    onProgress: (done, total) => {
      const pct = Math.floor((done / total) * 10);
      if (pct > shown) log(`  ${(shown = pct) * 10}% sent`);
    },
  });
  const cpu = cpuSeconds(pid) - before;
  if (r.failed) log(`  ${title}: ${r.failed} failed ${JSON.stringify(r.failures)}`);
  return (name: string): Row => ({
    name,
    rps: r.rps,
    p50: r.p50,
    p99: r.p99,
    ok: r.ok,
    failed: r.failed,
    cpuMs: (cpu * 1000) / r.sent,
  });
}

/** receive, SENT, DELIVERED, …: the same mix as the saturated run, one request at a time. */
function steadyIngestRequests(secret: string): () => SteadyRequest {
  const headers = { "content-type": "application/json", "sb-signing-secret": secret };
  let step = 0;
  let delivered = "";
  return () => {
    const n = step++ % 3;
    if (n === 0) return { method: "POST", path: "/api/webhooks/receive", headers, body: receiveBody() };
    if (n === 2) return { method: "POST", path: "/api/webhooks/outbound", headers, body: delivered };
    const pair = statusBodies();
    delivered = pair.delivered;
    return { method: "POST", path: "/api/webhooks/outbound", headers, body: pair.sent };
  };
}

function row(name: string, { result: r, cpu }: { result: autocannon.Result; cpu: number }): Row {
  const ok = r["2xx"];
  const answered = ok + r.non2xx;
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok,
    failed: r.non2xx + r.errors,
    cpuMs: (cpu * 1000) / answered,
  };
}

function table(rows: Row[]): string {
  const head = ["route", "req/s", "p50 ms", "p99 ms", "2xx", "failed", "server CPU ms/req"];
  const body = rows.map((r) => [
    r.name,
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.ok),
    String(r.failed),
    r.cpuMs.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? "-" : "") + "-".repeat(w + 1) + (i === 0 ? "" : ":")).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "15" },
      connections: { type: "string", default: "50" },
      warmup: { type: "string", default: "3" },
      pool: { type: "string" },
      rates: { type: "string", default: "50,100,200" },
      // Outgoing webhook endpoints subscribed to every event (a local receiver; this server's
      // worker delivers while the load runs), to measure ingest with integrations configured.
      endpoints: { type: "string", default: "0" },
    },
  });
  const rates = values.rates
    .split(",")
    .map(Number)
    .filter((n) => n > 0);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const warmup = Number(values.warmup);
  const config = env();
  const database = await openScratchServer("bench", log);
  const scratch = await createScratchDatabase(database.url, "inbox_bench");
  let server: BenchServer | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  // One connection for the bench's own VACUUMs and final counts.
  const admin = new pg.Client({ connectionString: scratch.url });
  try {
    await migrate(scratch.url, { log });
    await admin.connect();
    const endpoints = Number(values.endpoints);
    receiver = endpoints > 0 ? await startReceiver() : undefined;
    for (let i = 0; i < endpoints; i++) {
      await admin.query(
        "INSERT INTO webhook_endpoints (url, events, secret) VALUES ($1, ARRAY['message.received','message.sent','message.status','attachment.kept'], $2)",
        [`${receiver!.url}?n=${i}`, generateSecret()],
      );
    }
    const secret = randomBytes(18).toString("base64url");
    const apiToken = randomBytes(24).toString("base64url");
    const childEnv: NodeJS.ProcessEnv = {
      ...inheritedEnv(),
      DATABASE_URL: scratch.url,
      SENDBLUE_WEBHOOK_SECRET: secret,
      INBOX_API_TOKEN: apiToken,
      NODE_ENV: "production",
      OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
      ...(values.pool ? { DATABASE_POOL_SIZE: values.pool } : {}),
    };
    server = await startProductionServer(childEnv, log);
    const { base } = server;
    log(`server on ${base}, database ${scratch.name}${database.embedded ? " (embedded)" : ""}`);

    const loadBefore = os.loadavg()[0]!;
    // Each measurement gets its own warm-up, and the server drains the warm-up's in-flight
    // requests before the clock starts, so one route's backlog never lands on the other.
    await run("warm-up", versionOptions(base, apiToken, connections, warmup), false);
    await settle(admin);
    const version = await measure(
      server.process.pid!,
      "GET /api/version (no database)",
      versionOptions(base, apiToken, connections, duration),
    );
    await settle(admin);
    await run("warm-up", ingestOptions(base, secret, connections, warmup), false);
    await settle(admin);
    const ingest = await measure(
      server.process.pid!,
      "POST /api/webhooks/* (durable ingest)",
      ingestOptions(base, secret, connections, duration),
    );
    await settle(admin);
    // Open loop at each rate, the no-op route first, 10 s apiece.
    const versionHeaders = { authorization: `Bearer ${apiToken}` };
    const steadyRows: Row[] = [];
    for (const rate of rates) {
      const steady = { base, rate, seconds: 10, connections };
      await settle(admin);
      const v = await measureSteady(server.process.pid!, `GET /api/version at ${rate} req/s`, {
        ...steady,
        next: () => ({ method: "GET", path: "/api/version", headers: versionHeaders }),
      });
      await settle(admin);
      const w = await measureSteady(server.process.pid!, `POST /api/webhooks/* at ${rate} req/s`, {
        ...steady,
        next: steadyIngestRequests(secret),
      });
      steadyRows.push(v(`GET /api/version, steady ${rate} req/s`), w(`POST webhooks (ingest), steady ${rate} req/s`));
    }
    const loadAfter = os.loadavg()[0]!;

    const { stored, synchronousCommit, autovacuum } = await inspect(admin);
    const rows = [
      row("GET /api/version (no database), saturated", version),
      row("POST webhooks: receive + status (ingest), saturated", ingest),
      ...steadyRows,
    ];
    const ratio = rows[1]!.rps / rows[0]!.rps;
    console.log(`\n${table(rows)}\n`);
    console.log(`ingest / baseline throughput (saturated): ${ratio.toFixed(2)}  (target ≥ 0.60)`);
    const under = steadyRows.filter((r, i) => i % 2 === 1 && r.p99 < 50).map((r) => r.name.replace(/.*steady /, ""));
    console.log(
      `ingest p99: ${rows[1]!.p99.toFixed(1)} ms saturated (≈ ${connections} connections ÷ req/s); under 50 ms at a steady ${under.length ? under.join(", ") : "none of the rates tried"}`,
    );
    if (receiver) {
      const delivered = await admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM webhook_deliveries WHERE state = 'delivered'",
      );
      const queued = await admin.query<{ n: string }>("SELECT count(*) AS n FROM webhook_deliveries");
      console.log(
        `outgoing: ${values.endpoints} endpoints; ${queued.rows[0]!.n} deliveries queued, ${delivered.rows[0]!.n} delivered by the end (${receiver.received.length} requests received)`,
      );
    }
    console.log(`database pool: ${values.pool ?? config.DATABASE_POOL_SIZE} connections per server process`);
    console.log(
      `${connections} connections, ${duration} s each after a ${warmup} s warm-up; webhook_events rows with 200: ${stored}; synchronous_commit ${synchronousCommit}; autovacuum ${autovacuum} (VACUUM between phases)`,
    );
    console.log(
      `machine: ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other work on the host skews both routes)`,
    );
    return rows.some((r, i) => i % 2 === 1 && r.failed > 0) ? 1 : 0;
  } finally {
    await server?.stop();
    await receiver?.close();
    await admin.end().catch(() => {});
    await scratch.drop().catch((e: unknown) => log(`could not drop ${scratch.name}: ${String(e)}`));
    await database.close();
  }
}

async function inspect(admin: pg.Client): Promise<{ stored: number; synchronousCommit: string; autovacuum: string }> {
  const { rows } = await admin.query<{ n: string }>("SELECT count(*) AS n FROM webhook_events WHERE status_code = 200");
  const sync = await admin.query<{ synchronous_commit: string }>("SHOW synchronous_commit");
  const vacuum = await admin.query<{ autovacuum: string }>("SHOW autovacuum");
  return {
    stored: Number(rows[0]!.n),
    synchronousCommit: sync.rows[0]!.synchronous_commit,
    autovacuum: vacuum.rows[0]!.autovacuum,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof EnvError ? error.message : ((error as Error).stack ?? String(error)));
    process.exit(1);
  },
);
