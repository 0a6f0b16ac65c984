import type { Db, Tx } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * One statement's rows through whichever client the caller holds: the `pg` pool on hot reads
 * (no Prisma per-statement cost, lib/db/pg-pool.ts), or Prisma's client where a caller
 * only has that (a background job, a transaction). Statements select plain columns and
 * `json`, which both clients return as the same JavaScript values (bigint aside: cast to int).
 */
export async function queryRows<T>(client: Db | Tx | SqlRunner, statement: Prisma.Sql): Promise<T[]> {
  if ("query" in client) return (await client.query(statement.text, statement.values)).rows as T[];
  return client.$queryRawUnsafe<T[]>(statement.text, ...statement.values);
}

/** A `json` column's value: pg hands it over parsed, Prisma's raw queries may hand over the text. */
export function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
