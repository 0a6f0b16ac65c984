import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// For the zero-setup start: when the operator has not chosen a webhook secret or API token,
// generate them once and keep them under the data dir, so webhooks are never accepted
// unsigned by accident and restarts keep the same values.

export type LocalSecrets = { webhookSecret: string; apiToken: string };

export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.resolve(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    webhookSecret: randomBytes(18).toString("base64url"),
    apiToken: randomBytes(24).toString("base64url"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return secrets;
}

export function readLocalSecrets(dataDir: string): LocalSecrets | undefined {
  const file = path.resolve(dataDir, "secrets.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as LocalSecrets) : undefined;
}
