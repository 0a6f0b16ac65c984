import { bearerToken, secretsMatch } from "@/lib/auth/secrets";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";

// The sweep is called by schedulers, not browsers: a bearer token only, either the API
// token or CRON_SECRET (Vercel Cron sends `Authorization: Bearer <CRON_SECRET>`).
export function authorizeSweep(request: Request): void {
  const given = bearerToken(request);
  const { INBOX_API_TOKEN, CRON_SECRET } = env();
  if (INBOX_API_TOKEN && secretsMatch(given, INBOX_API_TOKEN)) return;
  if (CRON_SECRET && secretsMatch(given, CRON_SECRET)) return;
  throw new ApiError(401, "unauthorized", "Send Authorization: Bearer <INBOX_API_TOKEN or CRON_SECRET>");
}
