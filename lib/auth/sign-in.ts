import { secretsMatch } from "./api-token";
import { sessionCookieValue, SESSION_COOKIE } from "./dashboard-session";

// The dashboard's sign-in until team accounts exist: paste INBOX_API_TOKEN once, keep a
// cookie derived from it. Pure functions so tests cover them without a server.

export type SignInResult =
  | { ok: true; cookie: { name: string; value: string; options: SessionCookieOptions } }
  | { ok: false; error: string };

export type SessionCookieOptions = {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge: number;
};

const THIRTY_DAYS = 60 * 60 * 24 * 30;

export function sessionCookieOptions(secure: boolean): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: THIRTY_DAYS };
}

/** Checks a pasted token in constant time; on success, the cookie to set. */
export function signIn(given: unknown, expected: string | undefined, secure: boolean): SignInResult {
  if (!expected) {
    return { ok: false, error: "INBOX_API_TOKEN is not configured on the server, so nobody can sign in yet." };
  }
  const token = typeof given === "string" ? given.trim() : "";
  if (!token) return { ok: false, error: "Paste the token first." };
  if (!secretsMatch(token, expected)) return { ok: false, error: "That token is not right. Check for a missing character." };
  return {
    ok: true,
    cookie: { name: SESSION_COOKIE, value: sessionCookieValue(expected), options: sessionCookieOptions(secure) },
  };
}

/**
 * Where to go after signing in: only a path on this site, so `?next=` cannot send the
 * viewer to another origin (`//evil.example`, `/\evil.example`, `https://…`).
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  try {
    const url = new URL(next, "http://inbox.invalid");
    if (url.origin !== "http://inbox.invalid" || url.pathname.startsWith("/sign-in")) return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}

/** Whether the viewer reached us over https (directly or through a proxy that says so). */
export function isHttpsRequest(headers: Headers): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}
