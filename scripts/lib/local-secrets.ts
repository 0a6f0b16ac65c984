import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";

// For the zero-setup start: when the operator has not chosen a webhook secret or API token,
// generate them once and keep them under the data dir, so webhooks are never accepted
// unsigned by accident and restarts keep the same values. The embedded PostgreSQL's
// superuser password lives here too (see lib/db-tools/embedded-postgres.ts), and the VAPID private
// key Web Push signs with (its public half is derived: lib/notifications/vapid.ts). The file is 0600:
// readable by the account that runs the inbox only.

export type LocalSecrets = {
  webhookSecret: string;
  apiToken: string;
  databasePassword: string;
  vapidPrivateKey: string;
};

const generators: { [K in keyof LocalSecrets]: () => string } = {
  webhookSecret: () => randomBytes(18).toString("base64url"),
  apiToken: () => randomBytes(24).toString("base64url"),
  databasePassword: () => randomBytes(24).toString("base64url"),
  vapidPrivateKey: () => webpush.generateVAPIDKeys().privateKey,
};

export function secretsFile(dataDir: string): string {
  return path.resolve(dataDir, "secrets.json");
}

/** The secrets file, created on first use; a value missing from an older file is added. */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = secretsFile(dataDir);
  const existing = readLocalSecrets(dataDir) ?? {};
  const missing = (Object.keys(generators) as (keyof LocalSecrets)[]).filter(
    (k) => typeof existing[k] !== "string" || !existing[k],
  );
  const secrets = { ...existing } as LocalSecrets;
  for (const key of missing) secrets[key] = generators[key]();
  if (missing.length > 0) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a crash never leaves half a file (and no secret is lost).
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  }
  // Files from older versions, or copied around, may have looser permissions.
  chmodSync(file, 0o600);
  return secrets;
}

export function readLocalSecrets(dataDir: string): Partial<LocalSecrets> | undefined {
  const file = secretsFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>) : undefined;
}
