import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema, EnvError, parseEnv } from "@/lib/env";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";
import { verifyWebhookAuth } from "@/lib/webhooks/verify-webhook-auth";

describe("configuration", () => {
  it("has working defaults with nothing set", () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: ".data",
      ALLOW_UNSIGNED_WEBHOOKS: false,
      NODE_ENV: "development",
    });
    expect(parseEnv({})).toMatchObject({ SESSION_IDLE_DAYS: 7, SESSION_MAX_DAYS: 30 });
    expect(parseEnv({ SESSION_IDLE_DAYS: "0.5", SESSION_MAX_DAYS: "1" })).toMatchObject({
      SESSION_IDLE_DAYS: 0.5,
      SESSION_MAX_DAYS: 1,
    });
  });

  it("stops with one line naming the bad variable", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ DATABASE_URL: "mysql://x" }, /^Invalid environment variable DATABASE_URL: must be a postgres/],
      [{ PORT: "http" }, /^Invalid environment variable PORT: /],
      [{ INBOX_API_TOKEN: "short" }, /^Invalid environment variable INBOX_API_TOKEN: must be at least 16 characters$/],
      [{ ALLOW_UNSIGNED_WEBHOOKS: "maybe" }, /^Invalid environment variable ALLOW_UNSIGNED_WEBHOOKS: /],
      [
        { SESSION_IDLE_DAYS: "0" },
        /^Invalid environment variable SESSION_IDLE_DAYS: must be a positive number of days$/,
      ],
      [
        { SESSION_IDLE_DAYS: "14", SESSION_MAX_DAYS: "7" },
        /^Invalid environment variable SESSION_IDLE_DAYS: must not be longer than SESSION_MAX_DAYS$/,
      ],
    ];
    for (const [source, message] of cases) {
      expect(() => parseEnv(source)).toThrow(EnvError);
      expect(() => parseEnv(source)).toThrow(message);
      try {
        parseEnv(source);
      } catch (e) {
        expect((e as Error).message).not.toContain("\n");
      }
    }
  });

  it("documents every variable in .env.example and the README (all but those the platform sets)", () => {
    const example = readFileSync(".env.example", "utf8");
    const readme = readFileSync("README.md", "utf8");
    const documented = Object.keys(envSchema.shape).filter((k) => !["NODE_ENV", "VERCEL"].includes(k));
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((k) => !new RegExp(`^${k}=`, "m").test(example))).toEqual([]);
    expect(documented.filter((k) => !readme.includes(`\`${k}\``))).toEqual([]);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SENDBLUE_WEBHOOK_SECRET: "" }).DATABASE_URL).toBeUndefined();
  });
});

describe("webhook authenticity policy", () => {
  const request = (headers: Record<string, string> = {}, query = "") =>
    new Request(`http://x/api/webhooks/receive${query}`, { method: "POST", headers });

  it("refuses unsigned webhooks in production without a secret, with a clear message", () => {
    const result = verifyWebhookAuth(request(), "receive", { NODE_ENV: "production", ALLOW_UNSIGNED_WEBHOOKS: false });
    expect(result).toMatchObject({ ok: false, status: 503, code: "webhook_secret_not_configured" });
    expect(verifyWebhookAuth(request(), "receive", { NODE_ENV: "production", ALLOW_UNSIGNED_WEBHOOKS: true })).toEqual({
      ok: true,
    });
    expect(
      verifyWebhookAuth(request(), "receive", { NODE_ENV: "development", ALLOW_UNSIGNED_WEBHOOKS: false }),
    ).toEqual({ ok: true });
  });

  it("with a secret, requires it in sb-signing-secret (or the derived ?token= for status callbacks)", () => {
    const config = {
      NODE_ENV: "production" as const,
      ALLOW_UNSIGNED_WEBHOOKS: true,
      SENDBLUE_WEBHOOK_SECRET: "s3cret-value",
    };
    expect(verifyWebhookAuth(request({ "sb-signing-secret": "s3cret-value" }), "receive", config)).toEqual({
      ok: true,
    });
    expect(verifyWebhookAuth(request({ "sb-signing-secret": "s3cret-valuE" }), "receive", config).ok).toBe(false);
    expect(verifyWebhookAuth(request({}), "receive", config).ok).toBe(false);
    const token = `?token=${statusCallbackToken("s3cret-value")}`;
    expect(verifyWebhookAuth(request({}, token), "status", config)).toEqual({ ok: true });
    expect(verifyWebhookAuth(request({}, token), "typing_indicator", config).ok).toBe(false);
    expect(verifyWebhookAuth(request({}, token), "outbound", config).ok).toBe(false);
    expect(verifyWebhookAuth(request({}, "?token=s3cret-value"), "status", config).ok).toBe(false);
  });
});
