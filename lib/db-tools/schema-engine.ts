import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

// Prisma's schema engine compiled to WebAssembly (byte-identical to the build the prisma CLI
// ships), so `migrate diff` works without the native engine binary, which cannot be
// downloaded here. It reaches Postgres through @prisma/adapter-pg, like the app does.

type EngineModule = typeof import("@prisma/schema-engine-wasm");
type Glue = EngineModule & { __wbg_set_wasm(wasm: unknown): void };

const require = createRequire(import.meta.url);
let loading: Promise<EngineModule> | undefined;

// The package entry imports the .wasm file as an ES module, which Node 20 cannot do; load the
// wasm-bindgen glue and instantiate the binary ourselves.
function loadEngineModule(): Promise<EngineModule> {
  loading ??= (async () => {
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import(gluePath)) as Glue;
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    // The engine reports Rust panics through this global, as in the prisma CLI.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    let panic = "";
    g.PRISMA_WASM_PANIC_REGISTRY ??= { get: () => panic, set_message: (m: string) => (panic = m) };
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return glue;
  })();
  return loading;
}

const CHAR_OID = 18;
const TEXT_OID = 25;

// The engine reads pg_catalog columns of Postgres' one-byte "char" type (relkind, contype,
// confdeltype…), which adapter-pg 7.10 rejects as an unsupported column type. Their text form
// is exactly what the engine expects, so report them as text.
class CatalogClient extends pg.Client {
  // @ts-expect-error pg's overloads cannot be re-declared; every call form is forwarded as is.
  override query(...args: unknown[]) {
    // pg.Pool calls this with a callback, adapter transactions without: patch both forms.
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result?: pg.QueryResult) => last(error, textForChar(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    return returned instanceof Promise ? returned.then(textForChar) : returned;
  }
}

function textForChar<T extends pg.QueryResult | undefined>(result: T): T {
  // A multi-statement script answers with one result per statement.
  if (Array.isArray(result)) {
    for (const r of result as pg.QueryResult[]) textForChar(r);
    return result;
  }
  for (const field of result?.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  // PostgreSQL 18 lists NOT NULL as constraints too (contype 'n'), which this engine version
  // cannot read; nullability is already known from pg_attribute, so they are dropped here.
  const column = result?.fields?.findIndex((f) => f.name === "constraint_type") ?? -1;
  if (result && column >= 0) {
    // adapter-pg asks for rows as arrays; other callers get objects.
    const typeOf = (row: unknown) =>
      Array.isArray(row) ? row[column] : (row as Record<string, unknown>).constraint_type;
    result.rows = result.rows.filter((row) => typeOf(row) !== "n");
    result.rowCount = result.rows.length;
  }
  return result;
}

// adapter-pg 7.10 runs a script by splitting it on every ";", which breaks function bodies
// ($$ … ; … $$) and comments in migrations. PostgreSQL's simple query protocol takes the
// whole script at once, as the native engine sends it.
function runScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const inner = adapter as unknown as { client: pg.Pool; onError(error: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await inner.client.query(script);
    } catch (error) {
      inner.onError(error);
    }
  };
  return adapter;
}

function poolConfig(url: string, database?: string): pg.PoolConfig {
  // Explicit fields, not connectionString: pg lets a connectionString override `database`,
  // which would point the shadow database connection back at the real one.
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? decodeURIComponent(u.pathname.slice(1)),
    max: 4,
    Client: CatalogClient as unknown as typeof pg.Client,
  };
}

/**
 * An adapter factory for `url` whose shadow databases (used to replay migrations) are created
 * next to it and dropped with FORCE after their pool is closed; adapter-pg drops first, which
 * fails while its own pool is still connected.
 */
function migrationAwareFactory(url: string, opened: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg(new pg.Pool(poolConfig(url)), { disposeExternalPool: true });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(runScriptsWhole(await main.connect()), opened),
    connectToShadowDb: async (): Promise<SqlDriverAdapter> => {
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client(poolConfig(url));
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      const shadow = runScriptsWhole(
        await new PrismaPg(new pg.Pool(poolConfig(url, name)), { disposeExternalPool: true }).connect(),
      );
      const closePool = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await closePool();
        const dropper = new pg.Client(poolConfig(url));
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS ${dropper.escapeIdentifier(name)} WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
      return track(shadow, opened);
    },
  };
}

/** Makes dispose() idempotent and remembers the adapter, so the session can close what the engine left open. */
function track(adapter: SqlDriverAdapter, opened: SqlDriverAdapter[]): SqlDriverAdapter {
  const dispose = adapter.dispose.bind(adapter);
  let disposing: Promise<void> | undefined;
  adapter.dispose = () => (disposing ??= dispose());
  opened.push(adapter);
  return adapter;
}

export type SchemaEngineSession = { engine: SchemaEngine; close: () => Promise<void> };

/** A wasm schema engine connected to `databaseUrl` (also the server for shadow databases). */
export async function openSchemaEngine(
  databaseUrl: string,
  log: (line: string) => void = () => {},
): Promise<SchemaEngineSession> {
  const { SchemaEngine } = await loadEngineModule();
  const opened: SqlDriverAdapter[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(migrationAwareFactory(databaseUrl, opened));
  const engine = await SchemaEngine.new({ datamodels: undefined }, log, adapter);
  return {
    engine,
    close: async () => {
      engine.free();
      // The engine leaves its connections open (an open pool keeps the process alive), and an
      // interrupted diff may leave a shadow database behind.
      await Promise.all(opened.map((a) => a.dispose()));
    },
  };
}
