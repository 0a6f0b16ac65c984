import { createDb, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";

let shared: Db | undefined;

/** A client on the per-run test database that scripts/test.ts created and migrated. */
export function testDb(): Db {
  shared ??= createDb(env().DATABASE_URL!, 5);
  return shared;
}

/** The test database's server (its `postgres` database), for tests that need a database of their own. */
export function testServerUrl(): string {
  const url = new URL(env().DATABASE_URL!);
  url.pathname = "/postgres";
  return url.toString();
}
