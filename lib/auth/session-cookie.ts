import { NextResponse } from "next/server";

// The dashboard's session cookie: an opaque random token (see sessions.ts), httpOnly,
// SameSite=Lax, Secure when served over https.

export const SESSION_COOKIE = "inbox_session";

export function sessionCookieOptions(request: Request, expiresAt: Date) {
  const https = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return { httpOnly: true, sameSite: "lax" as const, secure: https, path: "/", expires: expiresAt };
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) {
      try {
        return decodeURIComponent(v.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** A JSON response that also sets (or, with token null, clears) the session cookie. */
export function jsonWithSessionCookie(
  request: Request,
  body: unknown,
  session: { token: string; expiresAt: Date } | null,
  init?: ResponseInit,
): Response {
  const response = NextResponse.json(body, init);
  if (session) response.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(request, session.expiresAt));
  else response.cookies.set(SESSION_COOKIE, "", { ...sessionCookieOptions(request, new Date(0)), maxAge: 0 });
  return response;
}
