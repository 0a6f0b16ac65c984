import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { DiffTarget, MigrationList } from "@prisma/schema-engine-wasm";
import { openSchemaEngine } from "./schema-engine";

// `prisma migrate diff --script` on the wasm schema engine: the SQL that turns one schema
// source into another. An empty script means the two describe the same database.

export type SchemaSource =
  | { kind: "database" } // the database the engine is connected to
  | { kind: "migrations"; dir: string } // replayed on a shadow database
  | { kind: "schema"; file: string; content?: string }
  | { kind: "empty" };

const NO_FILTER = { externalTables: [], externalEnums: [] };

export async function readMigrationList(dir: string): Promise<MigrationList> {
  const baseDir = path.resolve(dir);
  const entries = await readdir(baseDir, { withFileTypes: true });
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => {
        const file = path.join(baseDir, name, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

async function toTarget(source: SchemaSource): Promise<DiffTarget> {
  switch (source.kind) {
    case "empty":
      return { tag: "empty" };
    case "migrations":
      return { tag: "migrations", ...(await readMigrationList(source.dir)) };
    case "schema": {
      const content = source.content ?? (await readFile(source.file, "utf8"));
      return { tag: "schemaDatamodel", files: [{ path: path.resolve(source.file), content }] };
    }
    case "database":
      // The wasm engine has no URL connector: "the datasource" is the adapter's database.
      // The files only name the provider; their models are ignored.
      return {
        tag: "schemaDatasource",
        files: [{ path: "datasource.prisma", content: 'datasource db {\n  provider = "postgresql"\n}\n' }],
        configDir: process.cwd(),
      };
  }
}

/** The SQL script that migrates `from` to `to` ("" when they already agree). */
export async function diffSchemas(options: {
  databaseUrl: string;
  from: SchemaSource;
  to: SchemaSource;
  log?: (line: string) => void;
}): Promise<string> {
  const session = await openSchemaEngine(options.databaseUrl, options.log);
  try {
    const result = await session.engine.diff({
      from: await toTarget(options.from),
      to: await toTarget(options.to),
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return emptyIfNoChanges(result.stdout ?? "");
  } finally {
    await session.close();
  }
}

// For no changes the engine prints a comment ("-- This is an empty migration."), not "".
function emptyIfNoChanges(script: string): string {
  const meaningful = script.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("--"));
  return meaningful.length === 0 ? "" : script;
}
