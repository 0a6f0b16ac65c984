import http from "node:http";

// A fixed number of readers, each sending its next request as soon as the last one is
// answered, for a while: what a handful of people clicking around the inbox do. Latency is
// per request; req/s is what the server sustained for that many readers.

export type Sample = {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  ok: number;
  failed: number;
  failures: Record<string, number>;
};

export async function closedLoop(options: {
  base: string;
  readers: number;
  seconds: number;
  /** The path of reader r's i-th request (so readers can walk different pages). */
  path: (reader: number, i: number) => string;
  headers: Record<string, string>;
}): Promise<Sample> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.readers, timeout: 4000 });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.readers }, async (_, reader) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        const outcome = await get(options.base + options.path(reader, i), options.headers, agent).catch(
          (error: NodeJS.ErrnoException) => error.code ?? error.message,
        );
        latencies.push(performance.now() - t);
        if (outcome === 200) ok++;
        else {
          failed++;
          failures[String(outcome)] = (failures[String(outcome)] ?? 0) + 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { ...percentiles(latencies), rps: latencies.length / elapsed, ok, failed, failures };
}

export function percentiles(samples: number[]): { p50: number; p95: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** GET, reading the whole body (a page is only rendered once it has streamed out). */
export function get(url: string, headers: Record<string, string>, agent?: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: "GET", headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    r.on("error", reject);
    r.end();
  });
}
