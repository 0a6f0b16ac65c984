// `npm run db:diff`: the SQL that would bring prisma/migrations in line with schema.prisma,
// computed by Prisma's schema engine (wasm) replaying the migrations on a throwaway shadow
// database. Write it as the next migration with `--create <name>`; `--exit-code` exits 2 on
// drift (for CI). Uses DATABASE_URL's server, or the embedded one.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { diffSchemas } from "@/lib/db-tools/schema-diff";
import { EnvError } from "@/lib/env";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.error(`[db:diff] ${line}`);

/** `<timestamp>_<name>`, the timestamp now or, if a migration already sorts later, one second after it. */
function migrationDirName(dir: string, name: string, now = new Date()): string {
  const latest = readdirSync(dir)
    .map((entry) => entry.match(/^(\d{14})_/)?.[1])
    .filter((stamp): stamp is string => stamp !== undefined)
    .sort()
    .at(-1);
  let stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  if (latest && stamp <= latest) stamp = nextSecond(latest);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  if (!slug) throw new Error(`--create needs a name with letters or digits, got "${name}"`);
  return `${stamp}_${slug}`;
}

/** yyyymmddhhmmss one second later (migrations apply in name order). */
function nextSecond(stamp: string): string {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(stamp.slice(i, k === 0 ? 4 : i + 2)));
  const next = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s! + 1));
  return next.toISOString().replace(/\D/g, "").slice(0, 14);
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
      const dir = path.join(values.migrations, migrationDirName(values.migrations, values.create));
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
