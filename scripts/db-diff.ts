// `npm run db:diff`: the SQL that would bring prisma/migrations in line with schema.prisma,
// computed by Prisma's schema engine (wasm) replaying the migrations on a throwaway shadow
// database. Write it as the next migration with `--create <name>`; `--exit-code` exits 2 on
// drift (for CI). Uses DATABASE_URL's server, or the embedded one.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { diffSchemas } from "@/lib/db-tools/schema-diff";
import { EnvError } from "@/lib/env";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.error(`[db:diff] ${line}`);

function migrationDirName(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  if (!slug) throw new Error(`--create needs a name with letters or digits, got "${name}"`);
  return `${stamp}_${slug}`;
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
  // While `npm start` runs, its embedded server holds the data dir: openAppDatabase shares it.
  const database = await openAppDatabase(log);
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
