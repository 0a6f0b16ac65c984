// `npm run worker`: the media mirror on its own, for deployments that run the web server
// with MEDIA_WORKER=off (or several web servers and one copier). Stops on SIGINT/SIGTERM.
import { createDb } from "@/lib/db/client";
import { EnvError } from "@/lib/env";
import { startMediaWorker } from "@/lib/media/worker";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.log(`[media-worker] ${line}`);

async function main() {
  const database = await openAppDatabase(log);
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
