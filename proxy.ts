import { NextResponse, type NextRequest } from "next/server";
import { isValidSessionCookie, SESSION_COOKIE } from "@/lib/auth/dashboard-session";
import { env } from "@/lib/env";

// Pages need the dashboard cookie; without it, off to /sign-in with the way back in `next`.
// Proxy runs on the Node.js runtime in Next 16, so the same HMAC check as the API applies.
// API routes answer 401 themselves (apiRoute), so they, static files and /sign-in are
// excluded by the matcher.

export function proxy(request: NextRequest) {
  const cookie = request.cookies.get(SESSION_COOKIE)?.value;
  const token = env().INBOX_API_TOKEN;
  if (token && isValidSessionCookie(cookie, token)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/sign-in";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!api/|api$|_next/static|_next/image|sign-in$|favicon\\.ico|robots\\.txt|.*\\.[a-zA-Z0-9]+$).*)"],
};
