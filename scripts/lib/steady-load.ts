import http from "node:http";

// An open-loop load at a fixed rate: request i is due at start + i / rate, whatever happened
// to the ones before it, and its latency counts from when it was due (so a stalled server
// cannot hide its backlog: no coordinated omission). autocannon's own rate option sends each
// connection's share as a burst at the top of every second, which measures bursts instead.

export type SteadyRequest = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };

export type SteadyResult = {
  sent: number;
  ok: number;
  failed: number;
  /** What the failures were: an HTTP status or an error code, with how many of each. */
  failures: Record<string, number>;
  rps: number;
  p50: number;
  p99: number;
};

export async function steadyLoad(options: {
  base: string;
  rate: number;
  seconds: number;
  connections: number;
  next: () => SteadyRequest;
  onProgress?: (done: number, total: number) => void;
}): Promise<SteadyResult> {
  const { base, rate, seconds, connections, next } = options;
  // Idle sockets are dropped before the server's 5 s keep-alive timeout would close them
  // under a request being sent (a client-side ECONNRESET that says nothing of the server).
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, timeout: 4000 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (why: string) => {
    failed++;
    failures[why] = (failures[why] ?? 0) + 1;
  };
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const dueAt = start + (sent * 1000) / rate;
      inFlight.push(
        send(base, agent, next()).then(
          (status) => {
            latencies.push(performance.now() - dueAt);
            if (status >= 200 && status < 300) ok++;
            else fail(String(status));
          },
          (error: NodeJS.ErrnoException) => {
            latencies.push(performance.now() - dueAt);
            fail(error.code ?? error.message);
          },
        ),
      );
    }
    options.onProgress?.(sent, total);
    await new Promise((r) => setTimeout(r, Math.max(0, start + (sent * 1000) / rate - performance.now())));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { sent: total, ok, failed, failures, rps: total / elapsed, p50: at(0.5), p99: at(0.99) };
}

function send(base: string, agent: http.Agent, req: SteadyRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = http.request(`${base}${req.path}`, { method: req.method, headers: req.headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    r.on("error", reject);
    r.end(req.body);
  });
}
