// `npm run bench:insights -- [--messages 1000000] [--span-days 1095] [--runs 30] [--keep | --reuse URL] [--database NAME]`
// The Insights page's queries for a 90-day range, in-process (the work of GET /api/insights
// without HTTP), against `SELECT 1` through the same Prisma client: the floor. Loads (or
// reuses) bench:search's corpus with delivery outcomes, calls, contacts' first-seen times
// and opt-outs; --span-days squeezes the same messages into fewer days, to see a 90-day
// range as busy as a bigger database's on a small load. Prints a table; asserts nothing.
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { runBackgroundTasks } from "@/lib/db/background-tasks";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db-tools/migrate";
import { busiestHours, busiestHoursFromMessages } from "@/lib/insights/busiest-hours";
import { callsByDisposition } from "@/lib/insights/calls-by-disposition";
import { contactChanges } from "@/lib/insights/contact-changes";
import { deliveryOutcomes, deliveryOutcomesFromMessages } from "@/lib/insights/delivery-outcomes";
import { firstResponse, firstResponseFromMessages } from "@/lib/insights/first-response";
import { insightsRange, presetDays } from "@/lib/insights/insights-range";
import type { InsightsScope } from "@/lib/insights/insights-scope";
import { loadInsights } from "@/lib/insights/load-insights";
import { rollupAnswers } from "@/lib/insights/message-rollup";
import { messageVolume, messageVolumeFromMessages } from "@/lib/insights/message-volume";
import { topErrorCodes, topErrorCodesFromMessages } from "@/lib/insights/top-error-codes";
import { percentiles } from "./lib/closed-loop";
import { CORPUS_LINES, loadCorpus, progress } from "./lib/corpus-load";
import { createScratchDatabase, openScratchServer } from "./lib/database";
import { markdownTable, ms } from "./lib/markdown-table";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "1000000" },
    "span-days": { type: "string", default: "1095" },
    runs: { type: "string", default: "30" },
    zone: { type: "string", default: "America/Chicago" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    database: { type: "string" },
  },
});
const RUNS = Number(args.runs);
const TARGET_MS = 300;
const log = (line: string) => console.log(`[bench] ${line}`);

async function main() {
  if (args.reuse) {
    await migrate(args.reuse, { log });
    return measure(args.reuse);
  }
  const server = await openScratchServer("bench", log);
  const scratch = await createScratchDatabase(server.url, "inbox_bench_insights", args.database);
  const N = Number(args.messages);
  log(`scratch database ${scratch.name}; ${N.toLocaleString("en-US")} messages over ${args["span-days"]} days`);
  try {
    await migrate(scratch.url, { log });
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await loadCorpus(client, N, { log, insights: true, spanMs: Number(args["span-days"]) * 86_400_000 });
    } finally {
      await client.end();
    }
    await measure(scratch.url);
  } finally {
    if (args.keep) log(`kept ${scratch.url}`);
    else await scratch.drop();
    await server.close();
  }
}

async function measure(url: string) {
  // The page reads response_waits and message_rollup once their backfills are done: a
  // database loaded before those migrations (--reuse) fills them here, as a server would in
  // the background, and says how long.
  const backfill = performance.now();
  await runBackgroundTasks(url, { log: (message, fields) => log(`${message} ${JSON.stringify(fields ?? {})}`) });
  log(`background tasks done in ${ms(performance.now() - backfill)} ms`);
  const db = createDb(url, 10);
  try {
    const zone = args.zone!;
    const { fromDay, toDay } = presetDays("90d", new Date(), zone);
    const range = insightsRange(fromDay, toDay, zone);
    const line = await db.line.findUniqueOrThrow({ where: { number: CORPUS_LINES[0]! } });
    const [counts] = await db.$queryRaw<{ total: number; inRange: number }[]>`
      SELECT (SELECT reltuples::bigint FROM pg_class WHERE relname = 'messages')::int AS total,
             (SELECT count(*) FROM messages WHERE sent_at >= ${range.from} AND sent_at < ${range.to})::int AS "inRange"`;
    const { total, inRange } = counts!;
    log(
      `${total.toLocaleString("en-US")} messages, ${inRange.toLocaleString("en-US")} of them in ${fromDay} – ${toDay} (${zone})`,
    );

    const all: InsightsScope = { from: range.from, to: range.to, timeZone: zone };
    const one: InsightsScope = { ...all, lineId: line.id };
    log(
      (await rollupAnswers(db, all))
        ? `${zone}: the page counts messages from message_rollup`
        : `${zone}: the page counts from the messages (message_rollup's backfill unfinished, or a zone offset by :30 or :45)`,
    );
    const work: [string, () => Promise<unknown>][] = [
      ["SELECT 1 (floor)", () => db.$queryRaw`SELECT 1`],
      ["messages per day", () => messageVolume(db, all, range.days)],
      ["delivery outcomes", () => deliveryOutcomes(db, all)],
      ["top error codes", () => topErrorCodes(db, all)],
      ["first-response time", () => firstResponse(db, all)],
      ["busiest hours", () => busiestHours(db, all)],
      ["calls by disposition", () => callsByDisposition(db, all)],
      ["new contacts, opt-outs", () => contactChanges(db, all, range.days)],
      ["whole page (GET /api/insights)", () => loadInsights(db, { from: fromDay, to: toDay, tz: zone })],
      ["whole page, one line", () => loadInsights(db, { from: fromDay, to: toDay, tz: zone, line: line.number })],
      ["first-response time, one line", () => firstResponse(db, one)],
      // What the page ran before response_waits and message_rollup, and still runs until an
      // upgrade's backfill is done (and, for the four counts, for zones offset by :30 or :45).
      ["first-response time from messages", () => firstResponseFromMessages(db, all)],
      ["messages per day from messages", () => messageVolumeFromMessages(db, all, range.days)],
      ["delivery outcomes from messages", () => deliveryOutcomesFromMessages(db, all)],
      ["top error codes from messages", () => topErrorCodesFromMessages(db, all)],
      ["busiest hours from messages", () => busiestHoursFromMessages(db, all)],
    ];
    const samples = new Map(work.map(([name]) => [name, [] as number[]]));
    for (const [, run] of work) for (let i = 0; i < 3; i++) await run(); // warm caches and plans
    const started = performance.now();
    for (let r = 0; r < RUNS; r++) {
      for (const [name, run] of work) {
        const t = performance.now();
        await run();
        samples.get(name)!.push(performance.now() - t);
      }
      progress("runs", r + 1, RUNS, started);
    }
    const floor = percentiles(samples.get("SELECT 1 (floor)")!);
    const rows = work.map(([name]) => {
      const p = percentiles(samples.get(name)!);
      const page = name.startsWith("whole page");
      return [
        name,
        ms(p.p50),
        ms(p.p95),
        ms(p.p99),
        `${(p.p95 / floor.p95).toFixed(1)}×`,
        page ? (p.p95 < TARGET_MS ? "yes" : "no") : "",
      ];
    });
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
    console.log(
      `\ninsights for 90 days (${inRange.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} messages), ${RUNS} runs each, in-process`,
    );
    console.log(
      `${availableParallelism()} CPUs, load average ${load} (1/5/15 min) when printed; target: whole page p95 < ${TARGET_MS} ms\n`,
    );
    console.log(markdownTable(["query", "p50 ms", "p95 ms", "p99 ms", "p95 / floor", `p95 < ${TARGET_MS} ms`], rows));
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
