import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createSession, revokeSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { config, proxy } from "@/proxy";
import { testDb } from "../support/db";

const request = (path: string, cookie?: string) =>
  new NextRequest(`http://inbox.test${path}`, {
    headers: cookie ? { cookie: `${sessionCookieName()}=${cookie}` } : {},
  });

async function session() {
  const user = await createUser(testDb(), {
    email: `p-${Math.random().toString(36).slice(2)}@x.co`,
    password: "long enough pw",
  });
  return (await createSession(testDb(), user.id)).token;
}

describe("proxy", () => {
  it("redirects a page request without a live session to /sign-in with the way back", async () => {
    const revoked = await session();
    await revokeSession(testDb(), revoked);
    for (const cookie of [undefined, "forged", revoked]) {
      const res = await proxy(request("/events?outcome=failed", cookie));
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toBe("http://inbox.test/sign-in?next=%2Fevents%3Foutcome%3Dfailed");
    }
    expect((await proxy(request("/"))).headers.get("location")).toBe("http://inbox.test/sign-in");
  });

  it("lets a signed-in viewer through with a fresh nonce CSP each time", async () => {
    const token = await session();
    const a = await proxy(request("/contacts", token));
    const b = await proxy(request("/contacts", token));
    expect(a.headers.get("location")).toBeNull();
    expect(a.headers.get("x-middleware-next")).toBe("1");
    const nonceOf = (csp: string | null) => csp?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonceOf(a.headers.get("content-security-policy"))).toBeTruthy();
    expect(nonceOf(a.headers.get("content-security-policy"))).not.toBe(
      nonceOf(b.headers.get("content-security-policy")),
    );
  });

  it("serves sign-in and setup without a session, still with the CSP", async () => {
    for (const path of ["/sign-in", "/setup"]) {
      const res = await proxy(request(path));
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("matches pages but not the API or static assets", () => {
    const pattern = new RegExp(`^${config.matcher[0]!}$`);
    for (const path of ["/", "/contacts", "/lines", "/events", "/search", "/settings", "/sign-in", "/setup"])
      expect(path).toMatch(pattern);
    for (const path of [
      "/api/conversations",
      "/api/webhooks/receive",
      "/_next/static/chunks/a.js",
      "/_next/image",
      "/favicon.ico",
      "/logo.png",
    ]) {
      expect(path).not.toMatch(pattern);
    }
  });
});
