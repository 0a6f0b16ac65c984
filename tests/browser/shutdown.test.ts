import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { env, inheritedEnv } from "@/lib/env";
import { freePort } from "../support/free-port";

// `npm start` with a dashboard tab open: SIGTERM must stop the whole server quickly even
// though an event stream (which never ends by itself) is open. Browser tests build the
// production bundle first, so scripts/start.ts finds it fresh and serves it at once.

let server: ChildProcess | undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), "inbox-shutdown-"));

afterAll(() => {
  if (server && server.exitCode === null) server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

function descendants(root: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of rows) {
      if (parent !== pid) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitHealthy(url: string, output: string[]) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) break;
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`npm start did not become healthy:\n${output.join("")}`);
}

describe("shutdown", () => {
  it("exits within 5 s of SIGTERM while a dashboard's event stream is open, ending the stream", async () => {
    const started = Date.now();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      env: { ...inheritedEnv(), PORT: String(port), DATA_DIR: dataDir, MEDIA_WORKER: "off", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    server.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
    server.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<number>((resolve) => server!.on("exit", () => resolve(Date.now())));
    await waitHealthy(url, output);
    console.info(`[shutdown test] healthy after ${Date.now() - started} ms`);

    const stream = await fetch(`${url}/api/events/stream`, {
      headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` },
      signal: AbortSignal.timeout(30_000),
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: ready");
    const streamEnded = (async () => {
      for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return Date.now();
    })();

    console.info(`[shutdown test] stream open after ${Date.now() - started} ms`);
    const tree = descendants(server.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(2); // start.ts under tsx, next-server under it
    const signalled = Date.now();
    server.kill("SIGTERM");
    const within = <T>(p: Promise<T>) =>
      Promise.race([p, new Promise<number>((r) => setTimeout(() => r(Infinity), 20_000))]);
    const [exitedAt, endedAt] = await Promise.all([within(exited), within(streamEnded)]);
    expect(exitedAt - signalled, output.join("")).toBeLessThan(5000);
    expect(endedAt - signalled).toBeLessThan(5000);
    // Every process under it (start.ts, next-server) is gone too, none left as an orphan.
    let goneAt = Infinity;
    while (Date.now() - signalled < 20_000) {
      if (!tree.some(alive)) {
        goneAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(goneAt - signalled, `still running: ${tree.filter(alive).join(", ")}`).toBeLessThan(5000);
  }, 150_000);
});
