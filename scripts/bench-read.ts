// `npm run bench:read -- [--messages 1000000] [--small 100000] [--keep | --reuse URL [--reuse-small URL]]`
// The reads people wait on, at a million messages, against the same server's floor.
// Builds (or reuses) a database like bench:search's, with what ingestion keeps beside the
// messages (each conversation's last message, unread counts, status history, tapbacks, kept
// attachments), and a 10× smaller one; times the aggregates (lines, media queue) on both,
// to show they do not grow with history; then starts the production server on the big one
// and measures, with a few concurrent readers, every read API against GET /api/health (one
// `SELECT 1` through the same stack: the floor), the server render of each page, the
// server's memory afterwards, and a cold Chromium load of the inbox. Prints tables; asserts
// nothing.
import { randomBytes } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createSession } from "@/lib/auth/sessions";
import { PLAIN_SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { createUser } from "@/lib/auth/users";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db-tools/migrate";
import { env, EnvError, inheritedEnv } from "@/lib/env";
import { mediaQueueStatus } from "@/lib/media/queue-status";
import { listLines } from "@/lib/read/list-lines";
import { closedLoop, get, percentiles, type Sample } from "./lib/closed-loop";
import { coldLoad } from "./lib/cold-load";
import { loadCorpus } from "./lib/corpus-load";
import { createScratchDatabase, openScratchServer, type ScriptDatabase } from "./lib/database";
import { markdownTable, ms } from "./lib/markdown-table";
import { cpuSeconds, startProductionServer, type BenchServer } from "./lib/next-server";
import { processMemory, processTree } from "./lib/process-memory";
import { readTargets, type ReadTargets } from "./lib/read-bench-targets";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "1000000" },
    small: { type: "string", default: "100000" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    "reuse-small": { type: "string" },
    readers: { type: "string", default: "4" },
    seconds: { type: "string", default: "8" },
    renders: { type: "string", default: "30" },
    browser: { type: "boolean", default: true },
    port: { type: "string" },
  },
  allowNegative: true,
});
const READERS = Number(args.readers);
const SECONDS = Number(args.seconds);
const RENDERS = Number(args.renders);
const log = (line: string) => console.log(`[bench] ${line}`);

type Database = { url: string; name: string; drop: () => Promise<void> };

/** The given database (migrated to the current schema), or a fresh one loaded with `messages`. */
async function database(server: () => Promise<string>, reuse: string | undefined, messages: number): Promise<Database> {
  if (reuse) {
    await migrate(reuse, { log });
    return { url: reuse, name: new URL(reuse).pathname.slice(1), drop: async () => {} };
  }
  const scratch = await createScratchDatabase(await server(), "read_bench");
  log(`database ${scratch.name}: loading ${messages.toLocaleString("en-US")} messages`);
  try {
    await migrate(scratch.url, { log });
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await loadCorpus(client, messages, { log, realistic: true });
    } finally {
      await client.end();
    }
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  return { ...scratch, drop: args.keep ? async () => log(`kept ${scratch.url}`) : scratch.drop };
}

async function countMessages(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The planner's estimate: exact enough for a label, and O(1).
    const { rows } = await client.query<{ n: number }>(
      "SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'messages'",
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Each aggregate in-process on both databases: the same code, 10× the history. */
async function aggregates(small: Database, big: Database) {
  const work = { "lines (GET /api/lines)": listLines, "media queue (/lines page)": mediaQueueStatus } as const;
  const rows: string[][] = [];
  const timings = new Map<string, number[][]>();
  const dbs = [createDb(small.url, 1), createDb(big.url, 1)];
  try {
    for (const [name, run] of Object.entries(work)) {
      for (const db of dbs) for (let i = 0; i < 3; i++) await run(db);
      const samples: number[][] = [[], []];
      // Alternating, so a busy moment on the host lands on both sides alike.
      for (let i = 0; i < 30; i++) {
        for (const [side, db] of dbs.entries()) {
          const t = performance.now();
          await run(db);
          samples[side]!.push(performance.now() - t);
        }
      }
      timings.set(name, samples);
    }
  } finally {
    await Promise.all(dbs.map((db) => db.$disconnect()));
  }
  for (const [name, [a, b]] of timings) {
    const [pa, pb] = [percentiles(a!), percentiles(b!)];
    rows.push([name, ms(pa.p50), ms(pa.p95), ms(pb.p50), ms(pb.p95), `${(pb.p50 / pa.p50).toFixed(2)}×`]);
  }
  return rows;
}

function apiRoutes(t: ReadTargets) {
  const thread = (i: number) => t.threads[i % t.threads.length]!;
  return [
    { name: "GET /api/health (floor)", path: () => "/api/health" },
    { name: "conversations, first page", path: () => "/api/conversations" },
    {
      name: "conversations, deep keyset page",
      path: (i: number) => `/api/conversations?cursor=${t.deepCursors[i % t.deepCursors.length]}`,
    },
    { name: "conversations ?unread=true", path: () => "/api/conversations?unread=true" },
    {
      name: "conversations ?line=",
      path: (i: number) => `/api/conversations?line=${encodeURIComponent(t.lines[i % t.lines.length]!)}`,
    },
    { name: "one conversation", path: (i: number) => `/api/conversations/${thread(i).id}` },
    { name: "thread, newest page", path: (i: number) => `/api/conversations/${thread(i).id}/messages` },
    {
      name: "thread, old page (?before=)",
      path: (i: number) => `/api/conversations/${thread(i).id}/messages?before=${thread(i).oldCursor}`,
    },
    {
      name: "thread ?around=",
      path: (i: number) =>
        `/api/conversations/${thread(i).id}/messages?around=${encodeURIComponent(thread(i).aroundHandle)}`,
    },
    {
      name: "message + status history",
      path: (i: number) => `/api/messages/${encodeURIComponent(t.historyHandles[i % t.historyHandles.length]!)}`,
    },
    { name: "contacts, first page", path: () => "/api/contacts" },
    { name: "lines", path: () => "/api/lines" },
  ];
}

function pages(t: ReadTargets) {
  return [
    { name: "/", path: "/" },
    { name: "/?c=<id>", path: `/?c=${t.threads[0]!.id}` },
    { name: `/search?q=${t.searchWord}`, path: `/search?q=${t.searchWord}` },
    { name: "/contacts", path: "/contacts" },
    { name: "/lines", path: "/lines" },
    { name: "/events", path: "/events" },
  ];
}

async function measureApis(server: BenchServer, token: string, targets: ReadTargets) {
  const headers = { authorization: `Bearer ${token}` };
  const pid = server.process.pid!;
  const results: { name: string; sample: Sample; cpuMs: number }[] = [];
  for (const route of apiRoutes(targets)) {
    const path = (reader: number, i: number) => route.path(reader * 7 + i);
    // Warm: compile the route, fill connection pools and plan caches.
    await closedLoop({ base: server.base, readers: READERS, seconds: 1, path, headers });
    const before = cpuSeconds(pid);
    const sample = await closedLoop({ base: server.base, readers: READERS, seconds: SECONDS, path, headers });
    const requests = sample.ok + sample.failed;
    results.push({ name: route.name, sample, cpuMs: ((cpuSeconds(pid) - before) * 1000) / requests });
    log(
      `${route.name}: p95 ${ms(sample.p95)} ms, ${sample.rps.toFixed(0)} req/s${sample.failed ? `, FAILED ${JSON.stringify(sample.failures)}` : ""}`,
    );
  }
  const floor = results[0]!.sample;
  return results.map(({ name, sample, cpuMs }, i) => {
    const p95Ratio = sample.p95 / floor.p95;
    const rpsRatio = sample.rps / floor.rps;
    const met = i === 0 ? "floor" : p95Ratio <= 3 && rpsRatio >= 0.3 ? "yes" : "no";
    return [
      name,
      ms(sample.p50),
      ms(sample.p95),
      ms(sample.p99),
      sample.rps.toFixed(0),
      `${p95Ratio.toFixed(2)}×`,
      rpsRatio.toFixed(2),
      cpuMs.toFixed(1),
      String(sample.failed),
      met,
    ];
  });
}

async function measurePages(server: BenchServer, session: string, targets: ReadTargets) {
  const headers = { cookie: `${PLAIN_SESSION_COOKIE}=${session}` };
  const rows: string[][] = [];
  // The same loop over the floor route: what one request costs on this host right now.
  for (const page of [{ name: "GET /api/health (floor)", path: "/api/health" }, ...pages(targets)]) {
    const samples: number[] = [];
    let failed = 0;
    for (let i = 0; i < RENDERS + 3; i++) {
      const t = performance.now();
      const status = await get(server.base + page.path, headers);
      if (i >= 3) samples.push(performance.now() - t);
      if (status !== 200) failed++;
    }
    const p = percentiles(samples);
    rows.push([
      page.name,
      ms(p.p50),
      ms(p.p95),
      ms(p.p99),
      String(failed),
      rows.length === 0 ? "floor" : p.p95 < 100 ? "yes" : "no",
    ]);
    log(`${page.name}: p95 ${ms(p.p95)} ms`);
  }
  return rows;
}

async function main(): Promise<void> {
  env(); // a bad environment fails here, before any database is made
  // A server to create databases on, only when one is to be loaded.
  let pgServer: ScriptDatabase | undefined;
  const serverUrl = async () => (pgServer ??= await openScratchServer("bench", log)).url;
  let big: Database | undefined;
  let small: Database | undefined;
  let server: BenchServer | undefined;
  try {
    big = await database(serverUrl, args.reuse, Number(args.messages));
    small = await database(serverUrl, args["reuse-small"], Number(args.small));
    const [smallCount, bigCount] = [await countMessages(small.url), await countMessages(big.url)];
    log(`aggregates on ${smallCount.toLocaleString("en-US")} and ${bigCount.toLocaleString("en-US")} messages…`);
    const aggregateRows = await aggregates(small, big);

    const client = new pg.Client({ connectionString: big.url });
    await client.connect();
    const targets = await readTargets(client).finally(() => client.end());
    const db = createDb(big.url, 1);
    const member = await createUser(db, {
      email: `bench-${Date.now()}@inbox.test`,
      password: randomBytes(12).toString("hex"),
      role: "owner",
    });
    const { token: session } = await createSession(db, member.id);
    await db.$disconnect();

    const apiToken = randomBytes(24).toString("base64url");
    server = await startProductionServer(
      {
        ...inheritedEnv(),
        NODE_ENV: "production",
        DATABASE_URL: big.url,
        INBOX_API_TOKEN: apiToken,
        SENDBLUE_WEBHOOK_SECRET: randomBytes(18).toString("base64url"),
        MEDIA_WORKER: "off",
      },
      log,
      { port: args.port ? Number(args.port) : undefined },
    );
    log(`server on ${server.base}, database ${big.name}`);
    const loadBefore = loadavg()[0]!;
    const apiRows = await measureApis(server, apiToken, targets);
    const pageRows = await measurePages(server, session, targets);
    const pids = processTree(server.process.pid!);
    const memory = pids
      .map(processMemory)
      .reduce((a, b) => ({ rssMb: a.rssMb + b.rssMb, anonMb: a.anonMb + b.anonMb, fileMb: a.fileMb + b.fileMb }));
    const cold = args.browser ? await coldLoad({ base: server.base, path: "/", sessionToken: session }) : null;
    const loadAfter = loadavg()[0]!;

    const thread = targets.threads[0]!;
    console.log(
      `\nRead path at ${bigCount.toLocaleString("en-US")} messages (${targets.threads.length} busiest threads, the first of ${thread.messages.toLocaleString("en-US")} messages); ${READERS} concurrent readers, ${SECONDS} s per route after 1 s of warm-up`,
    );
    console.log(
      `${availableParallelism()} CPUs, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after\n`,
    );
    console.log(
      markdownTable(
        [
          "read",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "req/s",
          "p95 / floor",
          "req/s / floor",
          "server CPU ms/req",
          "failed",
          "target met",
        ],
        apiRows,
      ),
    );
    console.log(`\ntargets: p95 ≤ 3× the floor's, req/s ≥ 0.3 of the floor's\n`);
    console.log(
      `Aggregates in-process, 30 runs each (${smallCount.toLocaleString("en-US")} vs ${bigCount.toLocaleString("en-US")} messages)\n`,
    );
    console.log(
      markdownTable(["aggregate", "small p50", "small p95", "big p50", "big p95", "big / small p50"], aggregateRows),
    );
    console.log(`\nServer render of each page (HTML fully streamed), ${RENDERS} requests one at a time, signed in\n`);
    console.log(markdownTable(["page", "p50 ms", "p95 ms", "p99 ms", "failed", "p95 < 100 ms"], pageRows));
    console.log(
      `\nServer memory after the bench: RSS ${memory.rssMb.toFixed(0)} MB (${memory.anonMb.toFixed(0)} MB heap and other anonymous memory, ${memory.fileMb.toFixed(0)} MB mapped files) over ${pids.length} process${pids.length > 1 ? "es" : ""}; target < 300 MB`,
    );
    if (cold) {
      console.log(
        `Cold Chromium load of /: LCP ${cold.lcpMs.toFixed(0)} ms, first rows at ${cold.rowsShownMs.toFixed(0)} ms; JS ${cold.jsCompressedKb.toFixed(1)} KB compressed (${cold.jsTransferredKb.toFixed(1)} KB transferred with headers, ${cold.jsDecodedKb.toFixed(0)} KB uncompressed) in ${cold.jsFiles} files; target < 200 KB compressed`,
      );
    }
  } finally {
    await server?.stop();
    await small?.drop();
    await big?.drop();
    await pgServer?.close();
  }
}

main().catch((error: unknown) => {
  log(error instanceof EnvError ? error.message : ((error as Error).stack ?? String(error)));
  process.exit(1);
});
