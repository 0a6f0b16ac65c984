import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db-tools/migrate";
import { createPgPool } from "@/lib/db/pg-pool";
import { DiskStorage, type MediaStorage } from "@/lib/media/storage";
import { createScratchDatabase } from "@/scripts/lib/database";
import { testServerUrl } from "@/tests/support/db";

// Databases of a backup test's own (the shared test database has other files' rows in it),
// and a way to point this process's route handlers at one of them: the handlers use the
// process-wide Prisma client, pg pool and media storage, which live on globalThis.

export type TestDatabase = {
  url: string;
  name: string;
  db: Db;
  sql: pg.Pool;
  mediaDir: string;
  storage: MediaStorage;
  drop: () => Promise<void>;
};

/**
 * `owner`: a role (not a superuser) that owns the database and connects as itself, with
 * `password` (the embedded server asks for one; the machine's trust server ignores it).
 */
export async function scratchDatabase(options: {
  migrated: boolean;
  owner?: { role: string; password: string };
}): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(testServerUrl(), "backup_test");
  if (options.owner) {
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    await admin.query(
      `ALTER DATABASE ${admin.escapeIdentifier(scratch.name)} OWNER TO ${admin.escapeIdentifier(options.owner.role)}`,
    );
    await admin.end();
    const url = new URL(scratch.url);
    url.username = options.owner.role;
    url.password = options.owner.password;
    scratch.url = url.toString();
  }
  if (options.migrated) await migrate(scratch.url);
  const db = createDb(scratch.url, 3);
  const sql = createPgPool(scratch.url, 3);
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-backup-media-"));
  return {
    url: scratch.url,
    name: scratch.name,
    db,
    sql,
    mediaDir,
    storage: new DiskStorage(mediaDir),
    drop: async () => {
      await db.$disconnect();
      await sql.end();
      fs.rmSync(mediaDir, { recursive: true, force: true });
      await scratch.drop();
    },
  };
}

const processWide = globalThis as unknown as { inboxDb?: Db; inboxPgPool?: pg.Pool; inboxMediaStorage?: MediaStorage };

/** Route handlers called after this read and write `target`. */
export function pointRoutesAt(target: TestDatabase): void {
  processWide.inboxDb = target.db;
  processWide.inboxPgPool = target.sql;
  processWide.inboxMediaStorage = target.storage;
}
