import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { runningEmbeddedUrl, startEmbeddedPostgres } from "@/lib/db-tools/embedded-postgres";
import { env } from "@/lib/env";
import { loadOrCreateLocalSecrets } from "./local-secrets";

// Gives a script a database to work on: the given URL, or the embedded server.

export type ScriptDatabase = { url: string; embedded: boolean; close: () => Promise<void> };

export async function openDatabase(options: {
  url?: string;
  dataDir: string;
  port: number;
  database: string;
  log: (line: string) => void;
}): Promise<ScriptDatabase> {
  if (options.url) return { url: options.url, embedded: false, close: async () => {} };
  // Every embedded server under DATA_DIR (the inbox's, the tests', the benchmarks') has the
  // random superuser password kept in DATA_DIR/secrets.json.
  const password = loadOrCreateLocalSecrets(env().DATA_DIR).databasePassword;
  // `npm start` may already run the embedded server on this data dir: share it, leave it running.
  const running = await runningEmbeddedUrl(options.port, options.database, password);
  if (running) {
    options.log(`using the embedded PostgreSQL already running on 127.0.0.1:${options.port}`);
    return { url: running, embedded: true, close: async () => {} };
  }
  const server = await startEmbeddedPostgres({ ...options, password });
  options.log(`embedded PostgreSQL running on 127.0.0.1:${options.port} (data in ${options.dataDir}/pg)`);
  return { url: server.url, embedded: true, close: server.stop };
}

/** A fresh, uniquely named (or `exactName`) database on the same server, dropped by the returned cleanup. */
export async function createScratchDatabase(serverUrl: string, prefix: string, exactName?: string) {
  const name = exactName ?? `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The inbox's own database: DATABASE_URL, or the embedded server `npm start` uses. */
export function openAppDatabase(log: (line: string) => void): Promise<ScriptDatabase> {
  const config = env();
  return openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: "inbox",
    log,
  });
}

/**
 * A server to create throwaway databases on: for tests TEST_DATABASE_URL, for benchmarks
 * also DATABASE_URL; else an embedded server of its own (its own data dir and port, so it
 * never touches the inbox's data).
 */
export function openScratchServer(purpose: "test" | "bench", log: (line: string) => void): Promise<ScriptDatabase> {
  const config = env();
  return openDatabase({
    url: purpose === "test" ? config.TEST_DATABASE_URL : (config.TEST_DATABASE_URL ?? config.DATABASE_URL),
    dataDir: path.join(config.DATA_DIR, purpose),
    port: config.EMBEDDED_PG_PORT + (purpose === "test" ? 1 : 2),
    database: "postgres",
    log,
  });
}
