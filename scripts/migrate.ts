// `npm run migrate`: apply pending migrations to DATABASE_URL (or the embedded database).
import { env, EnvError } from "@/lib/env";
import { migrate } from "@/lib/db/migrate";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.log(`[migrate] ${line}`);

async function main() {
  const config = env();
  // On a build host (Vercel) an embedded database would be migrated and thrown away.
  if (process.argv.includes("--require-database-url") && !config.DATABASE_URL) {
    throw new Error("DATABASE_URL must be set to run migrations during a deploy build");
  }
  const database = await openAppDatabase(log);
  try {
    const { applied, alreadyApplied } = await migrate(database.url, { log });
    log(`${applied.length} applied, ${alreadyApplied} already in place`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[migrate] ${(error as Error).message}`);
  process.exit(1);
});
