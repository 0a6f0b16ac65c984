import { NextResponse } from "next/server";
import { httpsOnly } from "@/lib/security/https-only";
import { isHttpsRequest } from "./safe-redirect";

// The dashboard's session cookie: an opaque random token (see sessions.ts), httpOnly,
// SameSite=Lax. Served in production at an https PUBLIC_URL it is `__Host-inbox_session`,
// Secure: the browser then refuses it over http and from any subdomain or path. Elsewhere
// (http://localhost in development and tests) it is `inbox_session`, Secure only when the
// request itself came over https. Sessions made under the old name are not carried over:
// after switching to https, everyone signs in once more (the old cookie is cleared then).

export const PLAIN_SESSION_COOKIE = "inbox_session";
const HOST_SESSION_COOKIE = "__Host-inbox_session";

export function sessionCookieName(): string {
  return httpsOnly() ? HOST_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}

export function sessionCookieOptions(expiresAt: Date, requestCameOverHttps = false) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: httpsOnly() || requestCameOverHttps,
    path: "/",
    expires: expiresAt,
  };
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

/** Whether a request reached us over https (only ever used to add Secure, never to drop it). */
export function cameOverHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || isHttpsRequest(request.headers);
}

/** A JSON response that also sets (or, with session null, clears) the session cookie. */
export function jsonWithSessionCookie(
  request: Request,
  body: unknown,
  session: { token: string; expiresAt: Date } | null,
  init?: ResponseInit,
): Response {
  const response = NextResponse.json(body, init);
  const options = sessionCookieOptions(session?.expiresAt ?? new Date(0), cameOverHttps(request));
  const name = sessionCookieName();
  if (session) response.cookies.set(name, session.token, options);
  else response.cookies.set(name, "", { ...options, maxAge: 0 });
  // A cookie left from before the switch to https only gets in the way: clear it.
  if (name !== PLAIN_SESSION_COOKIE && readCookie(request, PLAIN_SESSION_COOKIE) !== null) {
    response.cookies.set(PLAIN_SESSION_COOKIE, "", { path: "/", maxAge: 0, expires: new Date(0) });
  }
  return response;
}
