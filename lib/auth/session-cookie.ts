import { NextResponse } from "next/server";
import { isHttpsRequest } from "./safe-redirect";

// The dashboard's session cookie: an opaque random token (see sessions.ts), httpOnly,
// SameSite=Lax, Secure when served over https.

export const SESSION_COOKIE = "inbox_session";

export function sessionCookieOptions(secure: boolean, expiresAt: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", expires: expiresAt };
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
  const secure = new URL(request.url).protocol === "https:" || isHttpsRequest(request.headers);
  if (session) response.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(secure, session.expiresAt));
  else response.cookies.set(SESSION_COOKIE, "", { ...sessionCookieOptions(secure, new Date(0)), maxAge: 0 });
  return response;
}
