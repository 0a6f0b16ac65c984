import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { sessionCookieValue, SESSION_COOKIE } from "@/lib/auth/dashboard-session";
import { env } from "@/lib/env";
import { config, proxy } from "@/proxy";

const request = (path: string, cookie?: string) =>
  new NextRequest(`http://inbox.test${path}`, { headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {} });

describe("proxy", () => {
  it("redirects a page request without a valid cookie to /sign-in with the way back", () => {
    for (const cookie of [undefined, "forged", sessionCookieValue("some-other-token-0123456789")]) {
      const res = proxy(request("/events?outcome=failed", cookie));
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toBe("http://inbox.test/sign-in?next=%2Fevents%3Foutcome%3Dfailed");
    }
    expect(proxy(request("/")).headers.get("location")).toBe("http://inbox.test/sign-in");
  });

  it("lets a signed-in viewer through", () => {
    const res = proxy(request("/contacts", sessionCookieValue(env().INBOX_API_TOKEN!)));
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("matches pages but not the API, static assets or the sign-in page", () => {
    // The matcher is one regular-expression group; Next compiles it the same way, anchored.
    const pattern = new RegExp(`^${config.matcher[0]!}$`);
    for (const path of ["/", "/contacts", "/lines", "/events", "/search", "/sign-in-elsewhere"]) expect(path).toMatch(pattern);
    for (const path of ["/api/conversations", "/api/webhooks/receive", "/_next/static/chunks/a.js", "/_next/image", "/sign-in", "/favicon.ico", "/logo.png"]) {
      expect(path).not.toMatch(pattern);
    }
  });
});
