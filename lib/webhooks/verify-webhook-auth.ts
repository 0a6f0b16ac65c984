import { secretsMatch } from "@/lib/auth/secrets";
import type { Env } from "@/lib/env";
import { statusCallbackToken } from "./status-callback-token";
import type { WebhookType } from "./webhook-types";

// Sendblue sends the configured secret verbatim in `sb-signing-secret` (not an HMAC).
// Per-message status callbacks reportedly arrive without it, so the status URL (and only
// that one, in any spelling) may carry `?token=` instead: a token derived from the secret
// (status-callback-token.ts), never the secret itself, so a leaked callback URL can forge
// statuses but no other type, and does not reveal the secret.

export type WebhookAuth =
  | { ok: true }
  | { ok: false; status: 401; code: "invalid_signature"; message: string }
  | { ok: false; status: 503; code: "webhook_secret_not_configured"; message: string };

export function verifyWebhookAuth(
  request: Request,
  type: WebhookType | null,
  config: Pick<Env, "SENDBLUE_WEBHOOK_SECRET" | "ALLOW_UNSIGNED_WEBHOOKS" | "NODE_ENV">,
): WebhookAuth {
  const secret = config.SENDBLUE_WEBHOOK_SECRET;
  if (!secret) {
    if (config.NODE_ENV !== "production" || config.ALLOW_UNSIGNED_WEBHOOKS) return { ok: true };
    // 503 rather than 4xx: Sendblue retries, so nothing is lost while the operator fixes it.
    return {
      ok: false,
      status: 503,
      code: "webhook_secret_not_configured",
      message:
        "Set SENDBLUE_WEBHOOK_SECRET (the secret configured in Sendblue) or ALLOW_UNSIGNED_WEBHOOKS=true to accept webhooks",
    };
  }
  if (secretsMatch(request.headers.get("sb-signing-secret"), secret)) return { ok: true };
  const token = new URL(request.url).searchParams.get("token");
  if (type === "status" && secretsMatch(token, statusCallbackToken(secret))) return { ok: true };
  return {
    ok: false,
    status: 401,
    code: "invalid_signature",
    message: "Missing or wrong sb-signing-secret header",
  };
}
