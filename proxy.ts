import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { resolveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { buildCsp } from "@/lib/security/csp";
import { addHsts } from "@/lib/security/https-only";
import { cspMediaSources } from "@/lib/security/csp-media-sources";

// Every page: a fresh CSP nonce (Next.js puts it on its own scripts when it sees the
// policy on the request), and a live session, else off to /sign-in with the way back in
// `next`. Proxy runs on the Node.js runtime in Next 16, so the session is checked against
// the database like the API does. API routes answer 401 themselves; static files and the
// sign-in and setup pages need no session.

const PUBLIC_PAGES = new Set(["/sign-in", "/setup"]);

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!PUBLIC_PAGES.has(pathname)) {
    const token = request.cookies.get(sessionCookieName())?.value;
    const user = token ? await resolveSession(db(), token).catch(() => null) : null;
    if (!user) {
      const url = request.nextUrl.clone();
      const next = pathname + search;
      url.pathname = "/sign-in";
      url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
      const redirect = NextResponse.redirect(url);
      addHsts(redirect.headers);
      return redirect;
    }
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = buildCsp(nonce, { mediaSources: cspMediaSources(), dev: env().NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  addHsts(response.headers);
  return response;
}

export const config = {
  matcher: ["/((?!api/|api$|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.[a-zA-Z0-9]+$).*)"],
};
