import { spawn, spawnSync } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { env, inheritedEnv } from "@/lib/env";

// The one place that picks and launches the Chromium that browser tests and benchmarks
// drive: CHROMIUM_PATH when set, else the system's /usr/bin/chromium, else the Chromium
// that `npm ci` brought in @sparticuz/chromium (CHROMIUM_PATH=bundled forces it). That
// package carries the binary brotli-compressed; its own extractor writes to a shared
// /tmp/chromium, so it is unpacked here instead, once per version, into
// node_modules/.cache, owned by whoever ran `npm ci`.

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-dev-shm-usage",
];

export interface ChromiumChoice {
  executablePath: string;
  /** Added to the browser's environment (libraries and fonts for the bundled one). */
  env: Record<string, string>;
  source: "CHROMIUM_PATH" | "system" | "bundled";
}

export async function launchChromium(): Promise<Browser> {
  const choice = await chooseChromium();
  return chromium.launch({
    executablePath: choice.executablePath,
    args: ARGS,
    // Playwright's env replaces the browser's environment rather than adding to it.
    ...(Object.keys(choice.env).length ? { env: { ...inheritedEnv(), ...choice.env } } : {}),
  });
}

export async function chooseChromium(): Promise<ChromiumChoice> {
  const configured = env().CHROMIUM_PATH;
  if (configured && configured !== "bundled") {
    if (!existsSync(configured))
      throw new Error(
        `CHROMIUM_PATH=${configured} does not exist; unset it to use ${SYSTEM_CHROMIUM} or the bundled Chromium`,
      );
    return { executablePath: configured, env: {}, source: "CHROMIUM_PATH" };
  }
  if (!configured && existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, env: {}, source: "system" };
  return bundledChromium();
}

let bundled: Promise<ChromiumChoice> | undefined;

function bundledChromium(): Promise<ChromiumChoice> {
  bundled ??= unpackBundled();
  return bundled;
}

async function unpackBundled(): Promise<ChromiumChoice> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `The bundled Chromium is for Linux x64 only; set CHROMIUM_PATH to a Chromium or Chrome on this ${process.platform}-${process.arch} machine`,
    );
  }
  const require = createRequire(import.meta.url);
  // The package exports only its entry (build/index.js); the compressed files sit in ../bin.
  const bin = path.join(path.dirname(require.resolve("@sparticuz/chromium")), "..", "bin");
  const { version } = JSON.parse(readFileSync(path.join(bin, "..", "package.json"), "utf8")) as { version: string };
  const dir = path.resolve("node_modules", ".cache", `sparticuz-chromium-${version}`);
  const executablePath = path.join(dir, "chromium");
  if (!existsSync(path.join(dir, "fonts.conf"))) {
    // Unpack beside the final folder and rename it into place, so a run that was
    // interrupted, or another process unpacking at the same time, never leaves half a browser.
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(path.join(partial, "lib"), { recursive: true });
    await Promise.all([
      pipeline(
        createReadStream(path.join(bin, "chromium.br")),
        createBrotliDecompress(),
        createWriteStream(path.join(partial, "chromium"), { mode: 0o755 }),
      ),
      // swiftshader's libraries must sit beside the binary, which loads them from there.
      untarBrotli(path.join(bin, "swiftshader.tar.br"), partial),
      untarBrotli(path.join(bin, "fonts.tar.br"), partial),
      // NSS and expat, built for Amazon Linux 2023, used only when the system has none.
      untarBrotli(path.join(bin, "al2023.tar.br"), partial),
    ]);
    // The system's fonts (when it has a fontconfig) plus the package's Open Sans, so text
    // has glyphs even on a server with no fonts installed.
    writeFileSync(
      path.join(partial, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${path.join(dir, "fonts")}</dir>\n  <cachedir>${path.join(dir, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(partial, dir);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(path.join(dir, "fonts.conf"))) throw error;
    }
  }
  const browserEnv: Record<string, string> = { FONTCONFIG_FILE: path.join(dir, "fonts.conf") };
  if (!runsAsIs(executablePath)) browserEnv.LD_LIBRARY_PATH = path.join(dir, "lib");
  return { executablePath, env: browserEnv, source: "bundled" };
}

/** Whether the binary finds its shared libraries (NSS, expat) on this system. */
function runsAsIs(executablePath: string): boolean {
  const probe = spawnSync(executablePath, ["--version"], { encoding: "utf8", timeout: 30_000 });
  return probe.status === 0;
}

function untarBrotli(archive: string, into: string): Promise<void> {
  // GNU tar is on every Linux this runs on; Node has no tar reader of its own.
  const tar = spawn("tar", ["-x", "--no-same-owner", "-C", into], { stdio: ["pipe", "ignore", "pipe"] });
  const stderr: Buffer[] = [];
  tar.stderr.on("data", (d: Buffer) => stderr.push(d));
  const exited = new Promise<void>((resolve, reject) => {
    tar.on("error", reject);
    tar.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`tar -x ${archive}: ${Buffer.concat(stderr).toString().trim()}`)),
    );
  });
  // GNU tar stops reading at the end-of-archive marker, so the archive's trailing zero padding
  // can meet a closed pipe when tar is quick (or the machine busy): that is not a failure,
  // tar's exit code says whether the extraction worked.
  const fed = pipeline(createReadStream(archive), createBrotliDecompress(), tar.stdin).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ERR_STREAM_PREMATURE_CLOSE" || error.code === "EPIPE") return;
      throw error;
    },
  );
  return Promise.all([fed, exited]).then(() => undefined);
}
