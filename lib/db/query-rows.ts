import { createHash } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * One statement's rows through whichever client the caller holds: the `pg` pool on hot reads
 * (no Prisma per-statement cost, lib/db/pg-pool.ts), or Prisma's client where a caller
 * only has that (a background job, a transaction). Statements select plain columns and
 * `json`, which both clients return as the same JavaScript values (bigint aside: cast to int).
 */
export async function queryRows<T>(
  client: Db | Tx | SqlRunner,
  statement: Prisma.Sql,
  options: { prepared?: boolean } = {},
): Promise<T[]> {
  if ("query" in client) {
    const { text, values } = statement;
    // Prepared (named after its text) on each pool connection: after five runs PostgreSQL may
    // keep a generic plan and stop planning it each time. For a statement whose planning
    // costs more than its execution (the thread page's: ~1.7 ms against ~1.5 ms), that halves
    // its time in the database. Only for statements whose plan suits every parameter value.
    if (!options.prepared) return (await client.query(text, values)).rows as T[];
    const name = `q_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    return (await client.query({ name, text, values })).rows as T[];
  }
  return client.$queryRawUnsafe<T[]>(statement.text, ...statement.values);
}

/** A `json` column's value: pg hands it over parsed, Prisma's raw queries may hand over the text. */
export function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
