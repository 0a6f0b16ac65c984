import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import webpush from "web-push";
import { EnvError, parseEnv, resetEnvCache } from "@/lib/env";
import { vapidConfig, vapidPublicKeyFor } from "@/lib/notifications/vapid";
import { loadOrCreateLocalSecrets } from "@/scripts/lib/local-secrets";

// The server's VAPID keys: generated once into the secrets file, or from the environment,
// where a public key that is not the private key's other half stops the start.

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved, ...vars };
  resetEnvCache();
}

describe("VAPID keys", () => {
  it("derives the public key from the private one", () => {
    const pair = webpush.generateVAPIDKeys();
    expect(vapidPublicKeyFor(pair.privateKey)).toBe(pair.publicKey);
    withEnv({
      VAPID_PRIVATE_KEY: pair.privateKey,
      VAPID_PUBLIC_KEY: undefined,
      VAPID_SUBJECT: undefined,
      PUBLIC_URL: "https://inbox.example.com/x",
    });
    expect(vapidConfig()).toEqual({
      publicKey: pair.publicKey,
      privateKey: pair.privateKey,
      subject: "https://inbox.example.com",
    });
  });

  it("is off without a private key, and refuses a public key of another pair", () => {
    withEnv({ VAPID_PRIVATE_KEY: undefined, VAPID_PUBLIC_KEY: undefined });
    expect(vapidConfig()).toBeNull();
    const [a, b] = [webpush.generateVAPIDKeys(), webpush.generateVAPIDKeys()];
    withEnv({ VAPID_PRIVATE_KEY: a.privateKey, VAPID_PUBLIC_KEY: b.publicKey });
    expect(() => vapidConfig()).toThrow(EnvError);
    expect(() => parseEnv({ VAPID_PUBLIC_KEY: a.publicKey })).toThrow(
      /VAPID_PRIVATE_KEY: must be set with VAPID_PUBLIC_KEY/,
    );
    expect(() => parseEnv({ VAPID_PRIVATE_KEY: `${a.privateKey}=` })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => parseEnv({ VAPID_SUBJECT: "http://inbox.example.com" })).toThrow(/VAPID_SUBJECT/);
  });

  it("is generated into the secrets file once, and added to a file from an earlier version", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vapid-"));
    writeFileSync(
      path.join(dir, "secrets.json"),
      JSON.stringify({ webhookSecret: "w".repeat(24), apiToken: "a".repeat(32), databasePassword: "p".repeat(32) }),
    );
    const first = loadOrCreateLocalSecrets(dir);
    expect(first.webhookSecret).toBe("w".repeat(24));
    expect(first.vapidPrivateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => vapidPublicKeyFor(first.vapidPrivateKey)).not.toThrow();
    expect(loadOrCreateLocalSecrets(dir).vapidPrivateKey).toBe(first.vapidPrivateKey);
  });
});
