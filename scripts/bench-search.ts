// `npm run bench:search -- --messages 1000000 [--runs 10] [--naive-runs 1] [--keep | --reuse URL]`
// Builds a scratch database (on TEST_DATABASE_URL's or DATABASE_URL's server, else the
// embedded PostgreSQL), COPY-loads a realistic corpus with indexes dropped, rebuilds them,
// VACUUM ANALYZEs, then times a fixed query mix through searchMessages() against the same
// queries done the naive way (ILIKE '%…%' over the same table) and prints a table.
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createPgPool } from "@/lib/db/pg-pool";
import { migrate } from "@/lib/db-tools/migrate";
import { searchMessages } from "@/lib/search/search-messages";
import { searchQuerySchema } from "@/lib/search/search-schemas";
import { createScratchDatabase, openScratchServer } from "./lib/database";
import { CORPUS_SPAN_MS, loadCorpus, progress } from "./lib/corpus-load";
import { rareWords, rng } from "./lib/search-corpus";
import { benchQueries, type BenchQuery } from "./lib/search-bench-queries";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "100000" },
    runs: { type: "string", default: "10" },
    "naive-runs": { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
    // Time queries against a database an earlier --keep run loaded, skipping the load.
    reuse: { type: "string" },
    // Load into a database of this name (with --keep, to --reuse it by name later).
    database: { type: "string" },
  },
});
const N = Number(args.messages);
const RUNS = Number(args.runs);
const NAIVE_RUNS = Number(args["naive-runs"]);
const log = (line: string) => console.log(`[bench] ${line}`);
const SPAN_MS = CORPUS_SPAN_MS;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** The corpus facts the query mix needs, read back from a loaded database. */
async function describe(client: pg.Client) {
  const rare = rareWords(4000, rng(42)); // load() draws these first from the same seed
  const { rows } = await client.query<{ number: string }>("SELECT number FROM contacts ORDER BY id");
  const {
    rows: [span],
  } = await client.query<{ start: Date; n: string }>("SELECT min(sent_at) AS start, count(*) AS n FROM messages");
  return {
    rare,
    contactNumbers: rows.map((r) => r.number),
    conversations: rows.length,
    start: span!.start.getTime(),
    messages: Number(span!.n),
  };
}

async function main() {
  if (args.reuse) {
    const client = new pg.Client({ connectionString: args.reuse });
    await client.connect();
    const corpus = await describe(client);
    await client.end();
    log(`reusing ${args.reuse}: ${corpus.messages} messages`);
    const db = createPgPool(args.reuse, 2);
    try {
      await measure(db, corpus, corpus.messages);
    } finally {
      await db.end();
    }
    return;
  }
  const server = await openScratchServer("bench", log);
  const scratch = await createScratchDatabase(server.url, "inbox_bench_search", args.database);
  log(`scratch database ${scratch.name}; ${N} messages`);
  const client = new pg.Client({ connectionString: scratch.url });
  const db = createPgPool(scratch.url, 2);
  try {
    await migrate(scratch.url, { log });
    await client.connect();
    await loadCorpus(client, N, { log });
    await measure(db, await describe(client), N);
  } finally {
    await client.end().catch(() => {});
    await db.end();
    if (args.keep) log(`kept ${scratch.url}`);
    else await scratch.drop();
    await server.close();
  }
}

async function measure(db: pg.Pool, corpus: Awaited<ReturnType<typeof describe>>, messages: number) {
  const queries = benchQueries(corpus, rng(7), SPAN_MS);
  const kinds = [...new Set(queries.map((q) => q.kind))];
  const ours = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const naive = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const hits = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const run = async (q: BenchQuery) => {
    const t = performance.now();
    const r = await searchMessages(db, searchQuerySchema.parse(q.params));
    const ms = performance.now() - t;
    return { ms, count: r.results.length };
  };
  for (const q of queries) await run(q); // warm caches and connections once
  const oursStarted = performance.now();
  for (let r = 0; r < RUNS; r++) {
    for (const q of queries) {
      const { ms, count } = await run(q);
      ours.get(q.kind)!.push(ms);
      if (r === 0) hits.get(q.kind)!.push(count);
    }
    progress("our queries (runs)", r + 1, RUNS, oursStarted);
  }
  let done = 0;
  const naiveStarted = performance.now();
  for (let r = 0; r < NAIVE_RUNS; r++) {
    for (const q of queries) {
      const t = performance.now();
      await db.query(
        `SELECT m.id, m.handle, m.content, m.sent_at FROM messages m WHERE ${q.naive.where} ORDER BY m.sent_at DESC, m.id DESC LIMIT 31`,
        q.naive.params,
      );
      naive.get(q.kind)!.push(performance.now() - t);
      progress("naive ILIKE queries", ++done, NAIVE_RUNS * queries.length, naiveStarted);
    }
  }
  printTable(messages, kinds, ours, naive, hits);
}

const ratio = (r: number) => `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;

function printTable(
  messages: number,
  kinds: string[],
  ours: Map<string, number[]>,
  naive: Map<string, number[]>,
  hits: Map<string, number[]>,
) {
  // --naive-runs 0 (a 10 M corpus, where each naive query takes seconds) leaves those columns empty.
  const f = (n: number | undefined) =>
    n === undefined || Number.isNaN(n) ? "—" : n >= 100 ? n.toFixed(0) : n.toFixed(1);
  const rows = kinds.map((k) => {
    const o = ours.get(k)!;
    const n = naive.get(k)!;
    const h = hits.get(k)!;
    return [
      k,
      f(pct(o, 50)),
      f(pct(o, 95)),
      f(pct(o, 99)),
      f(pct(n, 50)),
      f(pct(n, 95)),
      f(pct(n, 99)),
      n.length ? ratio(pct(n, 50) / pct(o, 50)) : "—",
      n.length ? ratio(pct(n, 95) / pct(o, 95)) : "—",
      (h.reduce((a, b) => a + b, 0) / h.length).toFixed(1),
    ];
  });
  const head = [
    "kind",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "naive p50",
    "naive p95",
    "naive p99",
    "p50 ratio",
    "p95 ratio",
    "avg hits",
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  // Latency on a shared machine means little without how busy it was.
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(
    `\nsearch over ${messages.toLocaleString("en-US")} messages (${RUNS} runs × ${ours.get(kinds[0]!)!.length / RUNS} queries per kind; naive ${NAIVE_RUNS} run)`,
  );
  console.log(`${availableParallelism()} CPUs, load average ${load} (1/5/15 min) when the table was printed\n`);
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

main().catch((error: unknown) => {
  console.error(`[bench] ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
