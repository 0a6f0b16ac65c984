import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { bearerToken, secretsMatch } from "./secrets";
import { resolveApiToken } from "./api-tokens";
import { readCookie, sessionCookieName } from "./session-cookie";
import { resolveSession, type SessionUser } from "./sessions";

export type Principal =
  | { kind: "automation" }
  | { kind: "api-token"; user: SessionUser }
  | { kind: "session"; user: SessionUser; sessionToken: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is calling the API: a personal API token or the shared INBOX_API_TOKEN (automation)
 * as a bearer token, or a signed-in browser's session cookie; otherwise 401.
 */
export async function authenticate(request: Request): Promise<Principal> {
  const bearer = bearerToken(request);
  if (bearer) {
    const shared = env().INBOX_API_TOKEN;
    if (shared && secretsMatch(bearer, shared)) return { kind: "automation" };
    const user = await resolveApiToken(db(), bearer);
    if (user) return { kind: "api-token", user };
    throw new ApiError(401, "unauthorized", "That API token is not valid (revoked, or never issued)");
  }
  const sessionToken = readCookie(request, sessionCookieName());
  const user = sessionToken ? await resolveSession(db(), sessionToken) : null;
  if (user && sessionToken) {
    // Cookies ride along on cross-site requests; a state change must come from our own origin.
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      throw new ApiError(403, "cross_site_request", "Cross-site request refused");
    }
    return { kind: "session", user, sessionToken };
  }
  throw new ApiError(401, "unauthorized", "Sign in, or send Authorization: Bearer <API token>");
}

/** Routes that act as a member (not shared automation) use this. */
export function requireUser(principal: Principal | null): SessionUser {
  if (principal && principal.kind !== "automation") return principal.user;
  throw new ApiError(403, "member_required", "This needs a signed-in member or a personal API token");
}

export function requireOwner(principal: Principal | null): SessionUser {
  const user = requireUser(principal);
  if (user.role !== "owner") throw new ApiError(403, "owner_required", "Only an owner can do this");
  return user;
}

/**
 * Creating API tokens and managing accounts needs a signed-in browser session, not a bearer
 * token: a leaked token must not mint more tokens or new members (which would outlive its
 * revocation), nor reset another member's password.
 */
export function requireSession(principal: Principal | null): SessionUser {
  const user = requireUser(principal);
  if (principal?.kind !== "session") {
    throw new ApiError(403, "session_required", "Sign in to the dashboard to do this; API tokens cannot");
  }
  return user;
}

export function requireOwnerSession(principal: Principal | null): SessionUser {
  requireSession(principal);
  return requireOwner(principal);
}

/** For sign-in and setup (no session yet): a browser posting from another site is refused. */
export function refuseCrossSite(request: Request): void {
  if (request.headers.get("origin") && !isSameOrigin(request)) {
    throw new ApiError(403, "cross_site_request", "Cross-site request refused");
  }
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
