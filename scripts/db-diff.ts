// `npm run db:diff`: the SQL that would bring prisma/migrations in line with schema.prisma,
// computed by Prisma's schema engine (wasm) replaying the migrations on a throwaway shadow
// database. Write it as the next migration with `--create <name>`; `--exit-code` exits 2 on
// drift (for CI). Uses DATABASE_URL's server, or the embedded one.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { diffSchemas } from "@/lib/db/schema-diff";
import { env, EnvError } from "@/lib/env";
import { openDatabase } from "./lib/database";

const log = (line: string) => console.error(`[db:diff] ${line}`);

function migrationDirName(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  if (!slug) throw new Error(`--create needs a name with letters or digits, got "${name}"`);
  return `${stamp}_${slug}`;
}

async function runningEmbedded(port: number): Promise<string | undefined> {
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      create: { type: "string" },
      "exit-code": { type: "boolean", default: false },
      migrations: { type: "string", default: "prisma/migrations" },
      schema: { type: "string", default: "prisma/schema.prisma" },
    },
  });
  const config = env();
  // While `npm start`/`npm run dev` runs, its embedded server holds the data dir: use it.
  const running = config.DATABASE_URL ? undefined : await runningEmbedded(config.EMBEDDED_PG_PORT);
  const database = await openDatabase({
    url: config.DATABASE_URL ?? running,
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: "inbox",
    log,
  });
  try {
    log(`replaying ${values.migrations} on a shadow database and comparing with ${values.schema}…`);
    const script = await diffSchemas({
      databaseUrl: database.url,
      from: { kind: "migrations", dir: values.migrations },
      to: { kind: "schema", file: values.schema },
    });
    if (!script) {
      log("migrations and schema agree: nothing to migrate");
      return 0;
    }
    if (values.create) {
      const dir = path.join(values.migrations, migrationDirName(values.create));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), script);
      log(`wrote ${path.join(dir, "migration.sql")}; review it, then \`npm run migrate\``);
      return 0;
    }
    process.stdout.write(script.endsWith("\n") ? script : `${script}\n`);
    return values["exit-code"] ? 2 : 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof EnvError ? error.message : ((error as Error).stack ?? String(error)));
    process.exit(1);
  },
);
