// `npm run migrate`: apply pending migrations to DATABASE_URL (or the embedded database).
// Background work they queue (backfills, index builds) is left to the server unless small;
// `--run-tasks` does all of it now, with a progress bar (e.g. for hosts with no long-running
// server, such as Vercel).
import cliProgress from "cli-progress";
import { env, EnvError } from "@/lib/env";
import { migrate } from "@/lib/db-tools/migrate";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.log(`[migrate] ${line}`);

async function main() {
  const config = env();
  // On a build host (Vercel) an embedded database would be migrated and thrown away.
  if (process.argv.includes("--require-database-url") && !config.DATABASE_URL) {
    throw new Error("DATABASE_URL must be set to run migrations during a deploy build");
  }
  const runAll = process.argv.includes("--run-tasks");
  const database = await openAppDatabase(log);
  const bar = new cliProgress.SingleBar(
    { format: "[migrate] {task} [{bar}] {percentage}% {value}/{total} ids" },
    cliProgress.Presets.shades_classic,
  );
  let current = "";
  try {
    const { applied, alreadyApplied, pending } = await migrate(database.url, {
      log,
      backgroundTasks: runAll ? "all" : "small",
      onTaskProgress: runAll
        ? (p) => {
            if (p.name !== current) {
              if (current) bar.stop();
              current = p.name;
              bar.start(p.upperBound ?? 0, p.position ?? 0, { task: p.name });
            }
            bar.update(p.position ?? 0);
          }
        : undefined,
    });
    if (current) bar.stop();
    log(`${applied.length} applied, ${alreadyApplied} already in place`);
    for (const t of pending)
      log(`left for the server (runs while it serves): ${t.description}, ${t.percent ?? 0}% done`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[migrate] ${(error as Error).message}`);
  process.exit(1);
});
