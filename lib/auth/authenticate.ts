import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { bearerToken, secretsMatch } from "./api-token";
import { isValidSessionCookie, readCookie, SESSION_COOKIE } from "./dashboard-session";

export type Principal = { kind: "api-token" } | { kind: "dashboard-session" };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Who is calling the API: a bearer token (automation) or the dashboard's cookie; else 401. */
export async function authenticate(request: Request): Promise<Principal> {
  const expected = env().INBOX_API_TOKEN;
  if (!expected) throw new ApiError(401, "unauthorized", "INBOX_API_TOKEN is not configured on the server");
  if (secretsMatch(bearerToken(request), expected)) return { kind: "api-token" };
  if (isValidSessionCookie(readCookie(request, SESSION_COOKIE), expected)) {
    // Cookies ride along on cross-site requests; a state change must come from our own origin.
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      throw new ApiError(403, "cross_site_request", "Cross-site request refused");
    }
    return { kind: "dashboard-session" };
  }
  throw new ApiError(401, "unauthorized", "Send Authorization: Bearer <INBOX_API_TOKEN>, or sign in");
}

function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") === "same-origin";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
