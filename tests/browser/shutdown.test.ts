import { spawn, type ChildProcess } from "node:child_process";
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
  if (server && server.exitCode === null) server.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitHealthy(url: string, output: string[]) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) break;
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`npm start did not become healthy:\n${output.join("")}`);
}

describe("shutdown", () => {
  it("exits within 5 s of SIGTERM while a dashboard's event stream is open, ending the stream", async () => {
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

    const stream = await fetch(`${url}/api/events/stream`, { headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: ready");
    const streamEnded = (async () => {
      for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return Date.now();
    })();

    const signalled = Date.now();
    server.kill("SIGTERM");
    const exitedAt = await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(Infinity), 20_000))]);
    expect(exitedAt - signalled, output.join("")).toBeLessThan(5000);
    expect(await streamEnded).toBeLessThan(exitedAt + 1000);
    // The Next.js server (a child of start.ts) is gone too, not left holding the port.
    const stillListening = await fetch(`${url}/api/health`).then(() => true, () => false);
    expect(stillListening).toBe(false);
  }, 150_000);
});
