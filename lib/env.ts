import { z } from "zod";

// The only module that reads process.env. Everything else asks env() for typed values.

const booleanString = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const commaList = z.string().transform((v) =>
  v
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean),
);

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL");

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: postgresUrl.optional(),
    TEST_DATABASE_URL: postgresUrl.optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATA_DIR: z.string().min(1).default(".data"),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    SENDBLUE_WEBHOOK_SECRET: z.string().min(8, "must be at least 8 characters").optional(),
    ALLOW_UNSIGNED_WEBHOOKS: booleanString,
    INBOX_API_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** A bearer token that reads GET /api/metrics and nothing else, for a Prometheus scraper. */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** A session ends after this long unused (the clock restarts with each use)… */
    SESSION_IDLE_DAYS: z.coerce.number().positive("must be a positive number of days").max(365).default(7),
    /** …and after this long in any case. */
    SESSION_MAX_DAYS: z.coerce.number().positive("must be a positive number of days").max(3650).default(30),
    PUBLIC_URL: z.url().optional(),
    /**
     * Proxies in front of the inbox that append to X-Forwarded-For (Caddy, nginx: 1). Unset:
     * 0, the TCP peer's address (1 on Vercel, whose edge overwrites X-Forwarded-For).
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int("must be a whole number").min(0).max(10).optional(),
    SENDBLUE_API_KEY_ID: z.string().min(1).optional(),
    SENDBLUE_API_SECRET: z.string().min(1).optional(),
    SENDBLUE_API_BASE_URL: z.url().default("https://api.sendblue.co"),
    /** Tell Sendblue a thread was read when a member opens it (must be enabled on the account). */
    SENDBLUE_MARK_READ: booleanString,
    // Sendblue sync (lib/sync/*): how new events arrive, how often gaps are repaired, and
    // whether this process runs imports and those passes in the background.
    SENDBLUE_EVENTS: z.enum(["webhooks", "stream"]).default("webhooks"),
    SENDBLUE_RECONCILE_MINUTES: z.coerce.number().min(0).max(1440).default(5),
    SENDBLUE_SYNC_WORKER: z.enum(["auto", "on", "off"]).default("auto"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Unset: /usr/bin/chromium if present, else the Chromium in @sparticuz/chromium ("bundled" forces it). */
    CHROMIUM_PATH: z.string().optional(),
    // Media mirror (see lib/media/*).
    MEDIA_DIR: z.string().min(1).optional(),
    MEDIA_ALLOWED_HOSTS: commaList.default(["storage.googleapis.com", "cdn.sendblue.co"]),
    MEDIA_ALLOW_PRIVATE_HOSTS: commaList.default([]),
    MEDIA_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(100 * 1024 * 1024),
    MEDIA_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    MEDIA_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    MEDIA_WORKER: z.enum(["auto", "on", "off"]).default("auto"),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default("auto"),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: booleanString,
    // Retention (lib/retention/*): unset keeps everything forever.
    WEBHOOK_LOG_DAYS: z.coerce.number().int("must be a whole number of days").min(1).max(36500).optional(),
    MEDIA_KEEP_DAYS: z.coerce.number().int("must be a whole number of days").min(1).max(36500).optional(),
    OUTGOING_LOG_DAYS: z.coerce.number().int("must be a whole number of days").min(1).max(36500).optional(),
    // Scheduled backups on a long-running server (lib/backup/scheduled-backups.ts): on when
    // BACKUP_DIR and BACKUP_EVERY_HOURS are both set; BACKUP_DIR is also `npm run backup`'s default.
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_EVERY_HOURS: z.coerce
      .number()
      .positive("must be a positive number of hours")
      .max(24 * 366)
      .optional(),
    BACKUP_KEEP: z.coerce.number().int("must be a whole number").min(1).max(10_000).default(7),
    // Outgoing webhooks and Slack notices (lib/outgoing/*).
    /** For development only: hosts an endpoint may use over plain http and on private addresses. */
    OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS: commaList.default([]),
    OUTGOING_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    OUTGOING_WORKER: z.enum(["auto", "on", "off"]).default("auto"),
    CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    // Web Push (lib/notifications/vapid.ts): the server's VAPID key pair, base64url without
    // padding; `npm start` generates one into DATA_DIR/secrets.json when unset.
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, "must be a base64url P-256 public key (87 characters, no '=')")
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 private key (43 characters, no '=')")
      .optional(),
    /** Who push services may contact about our pushes: a mailto: address or an https:// URL. */
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "must be a mailto: address or an https:// URL")
      .optional(),
    VERCEL: z.string().optional(),
  })
  .refine((e) => e.SESSION_IDLE_DAYS <= e.SESSION_MAX_DAYS, {
    path: ["SESSION_IDLE_DAYS"],
    message: "must not be longer than SESSION_MAX_DAYS",
  })
  .refine((e) => !e.VAPID_PUBLIC_KEY || e.VAPID_PRIVATE_KEY, {
    path: ["VAPID_PRIVATE_KEY"],
    message: "must be set with VAPID_PUBLIC_KEY",
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses an environment; throws one line naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set" (common in .env files and CI matrices).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  throw new EnvError(`Invalid environment variable ${name}: ${issue.message}`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and the start script, which change variables after first use. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Variables handed to child processes (the Next server, the test runner). */
export function inheritedEnv(): NodeJS.ProcessEnv {
  // Next.js would otherwise phone home with build telemetry; this app makes no outside calls.
  return { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
}
