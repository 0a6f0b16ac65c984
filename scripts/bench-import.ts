// `npm run bench:import -- --messages 100000`: imports a generated history from the Sendblue
// stand-in (its rate limit on: 100 requests per 10 s, pages of 100) into a scratch database,
// and prints messages/s against the ceiling the rate limit allows at that page size
// (100 × 100 / 10 s = 1,000 messages/s), API requests, time spent waiting on the limit, and
// the importing process's RSS over the run (flat: pages stream through, the history is never
// held in memory). The stand-in runs in its own process so its memory is not counted.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { migrate } from "@/lib/db-tools/migrate";
import { createPgPool } from "@/lib/db/pg-pool";
import { createDbRateLimiter, SENDBLUE_READ_LIMIT } from "@/lib/sync/rate-limiter";
import { createReadApi } from "@/lib/sync/read-api";
import { PAGE_SIZE, runImport } from "@/lib/sync/run-import";
import { claimImport, requestImport } from "@/lib/sync/sync-jobs";
import { createScratchDatabase, openScratchServer } from "./lib/database";

const log = (line: string) => console.log(`[bench:import] ${line}`);
const { values } = parseArgs({
  options: { messages: { type: "string", default: "100000" }, port: { type: "string", default: "4149" } },
});
const messages = Number(values.messages);
const MB = 1024 * 1024;

async function startStandIn(port: number): Promise<{ url: string; stop: () => void }> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const child = spawn(
    tsx,
    ["scripts/sendblue-fake.ts", "--port", String(port), "--history", String(messages), "--seed", "9"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/stand-in on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`stand-in exited (${code})`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

async function main() {
  const server = await openScratchServer("bench", log);
  const scratch = await createScratchDatabase(server.url, "inbox_bench_import");
  const standIn = await startStandIn(Number(values.port));
  log(`stand-in on ${standIn.url} with ${messages.toLocaleString()} messages; scratch database ${scratch.name}`);
  const pool = createPgPool(scratch.url, 4);
  try {
    await migrate(scratch.url, { log });
    const api = createReadApi(
      { baseUrl: standIn.url, keyId: "fake-key-id", secret: "fake-secret" },
      createDbRateLimiter(pool, { account: "fake-key-id" }),
    );
    const { job } = await requestImport(pool, {});
    const claimed = (await claimImport(pool, "bench", job.id))!;
    let peakRss = process.memoryUsage().rss;
    const rssAt: number[] = [];
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const bar = new SingleBar(
      {
        format: "[bench:import] {bar} {value}/{total} messages | {rate} msg/s",
        noTTYOutput: true,
        notTTYSchedule: 5000,
      },
      Presets.shades_classic,
    );
    bar.start(messages, 0, { rate: 0 });
    const started = performance.now();
    let nextMark = 0.1;
    const end = await runImport({ pool, api }, claimed, {
      owner: "bench",
      onProgress: (j) => {
        bar.update(j.fetched, { rate: Math.round(j.fetched / ((performance.now() - started) / 1000)) });
        if (j.fetched / messages >= nextMark) {
          rssAt.push(process.memoryUsage().rss);
          nextMark += 0.1;
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    bar.stop();
    const ceiling = (SENDBLUE_READ_LIMIT.requests * PAGE_SIZE) / (SENDBLUE_READ_LIMIT.windowMs / 1000);
    const rate = end.fetched / seconds;
    const { rows } = await pool.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM messages)::int + (SELECT count(*) FROM reactions)::int AS n",
    );
    console.log("");
    console.log(
      "| messages | stored | seconds | messages/s | ceiling msg/s | ratio | API requests | rate-limit waits | waited s | RSS at 10 % → 100 % (MB) | peak RSS MB |",
    );
    console.log("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--|--:|");
    console.log(
      `| ${end.fetched.toLocaleString()} | ${rows[0]!.n.toLocaleString()} | ${seconds.toFixed(1)} | ${Math.round(rate)} | ${ceiling} | ${(rate / ceiling).toFixed(2)} | ${end.requests} | ${end.rateWaits} | ${(end.rateWaitMs / 1000).toFixed(1)} | ${rssAt.map((r) => Math.round(r / MB)).join(" → ")} | ${Math.round(peakRss / MB)} |`,
    );
    console.log("");
    log(
      `state ${end.state}; ${end.failed} failed, ${end.badPages} bad pages. Ratio target ≥ 0.90 of the ceiling: ${rate / ceiling >= 0.9 ? "met" : "NOT met"}`,
    );
  } finally {
    standIn.stop();
    await pool.end();
    await scratch.drop();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:import] ${(error as Error).stack}`);
  process.exit(1);
});
