// `npm run worker`: the media mirror on its own, for deployments that run the web server
// with MEDIA_WORKER=off (or several web servers and one copier). Stops on SIGINT/SIGTERM.
import { createDb } from "@/lib/db/client";
import { env, EnvError } from "@/lib/env";
import { startMediaWorker } from "@/lib/media/worker";
import { openDatabase } from "./lib/database";

const log = (line: string) => console.log(`[media-worker] ${line}`);

async function main() {
  const config = env();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: "inbox",
    log,
  });
  const db = createDb(database.url, 4);
  const worker = startMediaWorker(db);
  log("copying media; Ctrl-C to stop");
  const stop = async () => {
    log("stopping after the current copies");
    await worker.stop();
    await db.$disconnect();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[media-worker] ${(error as Error).stack}`);
  process.exit(1);
});
