import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { freePort } from "@/tests/support/free-port";
import path from "node:path";
import { ensureBuild } from "./ensure-build";
import { withServerMemoryLimits } from "./server-memory";

// The production server for benchmarks and the crash test: the one `npm start` runs
// (scripts/serve.mjs, Next.js plus the TCP peer's address, with npm start's memory limits) on
// a free port (or the one given) over the environment given, built first if the sources are
// newer than the bundle.

export type BenchServer = { base: string; process: ChildProcess; stop: () => Promise<void> };

export async function startProductionServer(
  childEnv: NodeJS.ProcessEnv,
  log: (line: string) => void,
  options: { port?: number } = {},
): Promise<BenchServer> {
  ensureBuild(childEnv, log);
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [path.resolve("scripts/serve.mjs"), "--port", String(port), "--hostname", "127.0.0.1"],
    {
      env: withServerMemoryLimits(childEnv), // as `npm start` runs it
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    await waitForServer(base, server);
  } catch (error) {
    server.kill("SIGTERM"); // a server that never answered must not outlive the bench
    throw error;
  }
  return {
    base,
    process: server,
    stop: async () => {
      if (server.exitCode !== null) return;
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    },
  };
}

async function waitForServer(base: string, server: ChildProcess): Promise<void> {
  // Generous: a first start on a busy 2-core host has taken over a minute.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const res = await fetch(`${base}/api/health`).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not answer /api/health within 180 s");
}

// CPU seconds the server process has used (utime + stime from /proc, Linux only): per
// request it is the cost of a route, independent of how busy the rest of the host is.
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
