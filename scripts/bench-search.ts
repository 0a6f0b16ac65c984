// `npm run bench:search -- --messages 1000000 [--runs 10] [--naive-runs 1] [--keep | --reuse URL]`
// Builds a scratch database (on TEST_DATABASE_URL's or DATABASE_URL's server, else the
// embedded PostgreSQL), COPY-loads a realistic corpus with indexes dropped, rebuilds them,
// VACUUM ANALYZEs, then times a fixed query mix through searchMessages() against the same
// queries done the naive way (ILIKE '%…%' over the same table) and prints a table.
import { availableParallelism, loadavg } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createPgPool } from "@/lib/db/pg-pool";
import { migrate } from "@/lib/db/migrate";
import { searchMessages } from "@/lib/search/search-messages";
import { searchQuerySchema } from "@/lib/search/search-schemas";
import { createScratchDatabase, openScratchServer } from "./lib/database";
import { messageText, personName, phoneNumber, rareWords, rng } from "./lib/search-corpus";
import { benchQueries, type BenchQuery } from "./lib/search-bench-queries";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "100000" },
    runs: { type: "string", default: "10" },
    "naive-runs": { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
    // Time queries against a database an earlier --keep run loaded, skipping the load.
    reuse: { type: "string" },
  },
});
const N = Number(args.messages);
const RUNS = Number(args.runs);
const NAIVE_RUNS = Number(args["naive-runs"]);
const log = (line: string) => console.log(`[bench] ${line}`);
const SPAN_MS = 3 * 365 * 86_400_000;

function progress(label: string, done: number, total: number, started: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = done / Math.max((performance.now() - started) / 1000, 0.001);
  const step = Math.max(1, Math.floor(total / 20));
  if (done !== total && done % step !== 0) return;
  process.stdout.write(
    `\r[bench] ${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${((done / total) * 100).toFixed(0).padStart(3)}% ${done}/${total} (${Math.round(rate)}/s)`,
  );
  if (done === total) process.stdout.write("\n");
}

const esc = (v: string | number | null) =>
  v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

/** Streams rows into COPY in chunks, so memory stays flat whatever the row count. */
async function copy(client: pg.Client, sql: string, total: number, label: string, rows: () => Iterable<(string | number | null)[]>) {
  const started = performance.now();
  function* chunks() {
    let buffer: string[] = [];
    let done = 0;
    for (const row of rows()) {
      buffer.push(row.map(esc).join("\t"));
      done++;
      if (buffer.length === 5000) {
        yield buffer.join("\n") + "\n";
        buffer = [];
        if (done % 50_000 === 0) progress(label, done, total, started);
      }
    }
    if (buffer.length) yield buffer.join("\n") + "\n";
    progress(label, total, total, started);
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

async function load(client: pg.Client) {
  const random = rng(42);
  const rare = rareWords(4000, random);
  const conversations = Math.max(50, Math.round(N / 40));
  const lines = ["+15122164639", "+17372221000", "+12125550100", "+14155550111"];
  await client.query(`INSERT INTO lines (number) SELECT unnest($1::text[])`, [lines]);

  const contactNumbers: string[] = [];
  const seen = new Set<string>();
  while (contactNumbers.length < conversations) {
    const n = phoneNumber(random);
    if (!seen.has(n)) contactNumbers.push(n), seen.add(n);
  }
  await copy(client, "COPY contacts (number, first_name, last_name) FROM STDIN", conversations, "contacts", function* () {
    for (const n of contactNumbers) {
      const name = random() < 0.7 ? personName(random) : null;
      yield [n, name?.first ?? null, name?.last ?? null];
    }
  });
  // 5% groups (3 participants, no single contact); the rest one contact each.
  const isGroup = contactNumbers.map(() => random() < 0.05);
  const lineOf = contactNumbers.map(() => 1 + Math.floor(random() * lines.length));
  await copy(client, "COPY conversations (key, kind, line_id, contact_number, group_id) FROM STDIN", conversations, "conversations", function* () {
    for (let i = 0; i < conversations; i++) {
      yield isGroup[i]
        ? [`group:g${i}`, "group", lineOf[i]!, null, `g${i}`]
        : [`direct:${lines[lineOf[i]! - 1]}:${contactNumbers[i]}`, "direct", lineOf[i]!, contactNumbers[i]!, null];
    }
  });
  await copy(client, "COPY conversation_participants (conversation_id, number) FROM STDIN", conversations, "participants", function* () {
    for (let i = 0; i < conversations; i++) if (isGroup[i]) for (let k = 0; k < 3; k++) yield [i + 1, contactNumbers[(i + k * 7919) % conversations]!];
  });

  // Index builds after the load are far faster than maintaining them row by row.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'messages' AND indexname <> 'messages_pkey'`,
  );
  for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);

  const start = Date.now() - SPAN_MS;
  const withMedia: number[] = [];
  await copy(
    client,
    "COPY messages (handle, conversation_id, direction, service, content, status, status_rank, from_number, to_number, sent_at) FROM STDIN",
    N,
    "messages",
    function* () {
      for (let i = 0; i < N; i++) {
        const c = Math.floor(conversations * random() ** 1.6); // some threads far busier than others
        const inbound = random() < 0.55;
        const contact = contactNumbers[c]!;
        const line = lines[lineOf[c]! - 1]!;
        const s = random();
        const sentAt = new Date(start + (i / N) * SPAN_MS + Math.floor(random() * 60_000));
        if (random() < 0.04) withMedia.push(i + 1);
        yield [
          `bench-${i}`, c + 1, inbound ? "inbound" : "outbound", s < 0.8 ? "iMessage" : s < 0.95 ? "SMS" : "RCS",
          messageText(random, rare), inbound ? "RECEIVED" : "DELIVERED", inbound ? 0 : 4,
          inbound ? contact : line, inbound ? line : contact, sentAt.toISOString(),
        ];
      }
    },
  );
  await copy(client, "COPY media_attachments (message_id, source_url, kind) FROM STDIN", withMedia.length, "media", function* () {
    for (const id of withMedia) yield [id, `https://storage.example/media/${id}.jpg`, "image"];
  });

  await client.query("SET maintenance_work_mem = '256MB'");
  for (const i of indexes) {
    const t = performance.now();
    await client.query(i.indexdef);
    log(`built ${i.indexname} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const t = performance.now();
  await client.query("VACUUM ANALYZE");
  log(`VACUUM ANALYZE in ${((performance.now() - t) / 1000).toFixed(1)} s`);

}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** The corpus facts the query mix needs, read back from a loaded database. */
async function describe(client: pg.Client) {
  const rare = rareWords(4000, rng(42)); // load() draws these first from the same seed
  const { rows } = await client.query<{ number: string }>("SELECT number FROM contacts ORDER BY id");
  const { rows: [span] } = await client.query<{ start: Date; n: string }>("SELECT min(sent_at) AS start, count(*) AS n FROM messages");
  return { rare, contactNumbers: rows.map((r) => r.number), conversations: rows.length, start: span!.start.getTime(), messages: Number(span!.n) };
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
  const scratch = await createScratchDatabase(server.url, "inbox_bench_search");
  log(`scratch database ${scratch.name}; ${N} messages`);
  const client = new pg.Client({ connectionString: scratch.url });
  const db = createPgPool(scratch.url, 2);
  try {
    await migrate(scratch.url, { log });
    await client.connect();
    await load(client);
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

function printTable(messages: number, kinds: string[], ours: Map<string, number[]>, naive: Map<string, number[]>, hits: Map<string, number[]>) {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const rows = kinds.map((k) => {
    const o = ours.get(k)!;
    const n = naive.get(k)!;
    const h = hits.get(k)!;
    return [k, f(pct(o, 50)), f(pct(o, 95)), f(pct(o, 99)), f(pct(n, 50)), f(pct(n, 95)), f(pct(n, 99)),
      ratio(pct(n, 50) / pct(o, 50)), ratio(pct(n, 95) / pct(o, 95)), (h.reduce((a, b) => a + b, 0) / h.length).toFixed(1)];
  });
  const head = ["kind", "p50 ms", "p95 ms", "p99 ms", "naive p50", "naive p95", "naive p99", "p50 ratio", "p95 ratio", "avg hits"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  // Latency on a shared machine means little without how busy it was.
  const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`\nsearch over ${messages.toLocaleString("en-US")} messages (${RUNS} runs × ${ours.get(kinds[0]!)!.length / RUNS} queries per kind; naive ${NAIVE_RUNS} run)`);
  console.log(`${availableParallelism()} CPUs, load average ${load} (1/5/15 min) when the table was printed\n`);
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

main().catch((error: unknown) => {
  console.error(`[bench] ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
