import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { env, inheritedEnv } from "@/lib/env";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { startFakeSendblue } from "@/lib/sendblue/fake-sendblue";
import webpush from "web-push";
import { freePort } from "../support/free-port";

// Browser tests run against the real production build: build it if stale, serve it as
// `npm start` does on a free port with the test database, and hand the URL to the tests.

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's VAPID private key, to prove no page ever carries it. */
    vapidPrivateKey: string;
  }
}

let server: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  // Replies go to the local Sendblue stand-in, which posts status callbacks back.
  const sendblue = await startFakeSendblue({ keyId: "browser-key", secret: "browser-secret", delayMs: 300 });
  const port = await freePort();
  const vapidPrivateKey = webpush.generateVAPIDKeys().privateKey;
  const baseUrl = `http://127.0.0.1:${port}`;
  const childEnv = {
    ...inheritedEnv(),
    NODE_ENV: "production" as const,
    // The server must not copy media on its own, or it would claim the unit tests'
    // attachments in the shared database; tests mirror theirs with runMediaBatch.
    MEDIA_WORKER: "off",
    // Nor import, repair gaps or stream from Sendblue in the background: the sync browser
    // test sets the sync tables up itself.
    SENDBLUE_SYNC_WORKER: "off",
    // Nor send outgoing webhooks: the integrations test delivers its own with drainOutgoing,
    // to a receiver on 127.0.0.1 (allowed for development only).
    OUTGOING_WORKER: "off",
    OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
    // Browser tests serve attachments from a local http server.
    MEDIA_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
    SENDBLUE_API_BASE_URL: sendblue.url,
    SENDBLUE_API_KEY_ID: "browser-key",
    SENDBLUE_API_SECRET: "browser-secret",
    // Replies need it: status callbacks are addressed only to PUBLIC_URL, never to the Host a
    // request names.
    PUBLIC_URL: baseUrl,
    // Web Push on, so Settings offers it (no browser here can reach a real push service; the
    // unit tests take pushes up to a stand-in push service).
    VAPID_PRIVATE_KEY: vapidPrivateKey,
  };
  ensureBuild(childEnv, (line) => console.log(`[browser] ${line}`));
  // The same server `npm start` runs: Next.js plus the TCP peer's address (scripts/serve.mjs).
  server = spawn(
    process.execPath,
    [path.resolve("scripts/serve.mjs"), "--port", String(port), "--hostname", "127.0.0.1"],
    {
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  server.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  server.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  await waitForHealth(baseUrl, output);
  project.provide("baseUrl", baseUrl);
  project.provide("vapidPrivateKey", vapidPrivateKey);
  void env; // the server reads the same validated environment as the tests
  return async () => {
    await sendblue.close();
    server?.kill("SIGTERM");
  };
}

async function waitForHealth(baseUrl: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (server?.exitCode !== null && server?.exitCode !== undefined) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not become healthy:\n${output.join("")}`);
}
