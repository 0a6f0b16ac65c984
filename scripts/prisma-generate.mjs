// Runs `prisma generate` without letting the CLI fetch its native schema engine:
// Prisma Client 7 needs no binary, but the CLI insists on the engine's path existing.
// Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  // Production installs without devDependencies use the committed client build step instead.
  console.warn("prisma CLI not installed; skipping prisma generate");
  process.exit(0);
}
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
  },
});
process.exit(result.status ?? 1);
