// `npm test`: a throwaway database (on TEST_DATABASE_URL's server, or an embedded
// PostgreSQL), migrations, then Vitest over every test. Extra arguments go to Vitest.
import { spawn } from "node:child_process";
import path from "node:path";
import { inheritedEnv } from "@/lib/env";
import { migrate } from "@/lib/db-tools/migrate";
import { createScratchDatabase, openScratchServer } from "./lib/database";

const log = (line: string) => console.log(`[test] ${line}`);

async function main(): Promise<number> {
  const server = await openScratchServer("test", log);
  const scratch = await createScratchDatabase(server.url, "inbox_test");
  log(`test database ${scratch.name} on ${server.embedded ? "embedded PostgreSQL" : "TEST_DATABASE_URL"}`);
  try {
    await migrate(scratch.url, { log });
    const vitest = path.resolve("node_modules/vitest/vitest.mjs");
    const child = spawn(process.execPath, [vitest, "run", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: {
        ...inheritedEnv(),
        DATABASE_URL: scratch.url,
        TEST_SERVER_DATABASE_URL: server.url,
        NODE_ENV: "test",
        // Fixed secrets so tests and the browser tests' server agree.
        INBOX_API_TOKEN: "test-api-token-0123456789abcdef",
        SENDBLUE_WEBHOOK_SECRET: "test-webhook-secret",
        ALLOW_UNSIGNED_WEBHOOKS: "false",
      },
    });
    return await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  } finally {
    await scratch.drop().catch((e: unknown) => log(`could not drop ${scratch.name}: ${String(e)}`));
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test] ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
