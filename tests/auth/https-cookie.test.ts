import { afterEach, describe, expect, it } from "vitest";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { GET as meRoute } from "@/app/api/me/route";
import { createUser } from "@/lib/auth/users";
import { resetEnvCache } from "@/lib/env";
import { proxy } from "@/proxy";
import { NextRequest } from "next/server";
import { testDb } from "../support/db";
import { randomEmail } from "../support/route-call";

// Served in production at an https PUBLIC_URL, the session cookie is `__Host-` prefixed and
// Secure, and answers carry HSTS, decided from configuration: a forged X-Forwarded-Proto
// changes nothing. Over http://localhost (tests, development) the plain cookie stays.

const PASSWORD = "a long enough password";
const saved = { NODE_ENV: process.env.NODE_ENV, PUBLIC_URL: process.env.PUBLIC_URL };

function configure(vars: { NODE_ENV: string; PUBLIC_URL?: string }) {
  Object.assign(process.env, vars);
  if (vars.PUBLIC_URL === undefined) delete process.env.PUBLIC_URL;
  resetEnvCache();
}

afterEach(() => configure({ NODE_ENV: saved.NODE_ENV!, PUBLIC_URL: saved.PUBLIC_URL }));

async function signIn(headers: Record<string, string> = {}) {
  const user = await createUser(testDb(), { email: randomEmail(), password: PASSWORD });
  const res = await signInRoute(
    new Request("http://inbox.test/api/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    }),
    { params: Promise.resolve({}) },
  );
  return res;
}

const cookieValue = (setCookie: string | null, name: string) =>
  setCookie?.match(new RegExp(`(?:^|, )${name.replace("$", "\\$")}=([^;]*)`))?.[1];
const get = (handler: typeof meRoute, cookie: string) =>
  handler(new Request("http://inbox.test/api/me", { headers: { cookie } }), { params: Promise.resolve({}) });

describe("the session cookie", { timeout: 60_000 }, () => {
  it("is __Host-inbox_session, Secure, Path=/ and without Domain in production at an https PUBLIC_URL, with HSTS", async () => {
    configure({ NODE_ENV: "production", PUBLIC_URL: "https://inbox.example.com" });
    const res = await signIn();
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^__Host-inbox_session=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const token = cookieValue(setCookie, "__Host-inbox_session")!;
    // Only the prefixed name is read: the same token under the old name is not a session.
    expect((await get(meRoute, `__Host-inbox_session=${token}`)).status).toBe(200);
    expect((await get(meRoute, `inbox_session=${token}`)).status).toBe(401);
    // Pages get HSTS too, from the proxy.
    const page = await proxy(
      new NextRequest("https://inbox.example.com/", { headers: { cookie: `__Host-inbox_session=${token}` } }),
    );
    expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("clears a cookie left under the old name when signing in or out after the switch", async () => {
    configure({ NODE_ENV: "production", PUBLIC_URL: "https://inbox.example.com" });
    const res = await signIn({ cookie: "inbox_session=from-before" });
    expect(res.headers.get("set-cookie")).toMatch(/(^|, )inbox_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    const token = cookieValue(res.headers.get("set-cookie"), "__Host-inbox_session")!;
    const out = await signOutRoute(
      new Request("http://inbox.test/api/auth/sign-out", {
        method: "POST",
        headers: {
          cookie: `__Host-inbox_session=${token}; inbox_session=stale`,
          origin: "http://inbox.test",
          host: "inbox.test",
        },
      }),
      { params: Promise.resolve({}) },
    );
    expect(out.headers.get("set-cookie")).toMatch(/__Host-inbox_session=;.*Secure/i);
    expect(out.headers.get("set-cookie")).toMatch(/(^|, )inbox_session=;/);
  });

  it("stays inbox_session without Secure or HSTS over http, whatever X-Forwarded-Proto says about the prefix", async () => {
    for (const vars of [
      { NODE_ENV: "production", PUBLIC_URL: "http://inbox.lan:3000" },
      { NODE_ENV: "production" },
      { NODE_ENV: "development", PUBLIC_URL: "https://inbox.example.com" },
    ]) {
      configure(vars);
      const res = await signIn();
      const setCookie = res.headers.get("set-cookie")!;
      expect(setCookie, JSON.stringify(vars)).toMatch(/^inbox_session=/);
      expect(setCookie, JSON.stringify(vars)).not.toMatch(/; Secure/i);
      expect(res.headers.get("strict-transport-security")).toBeNull();
      // A client claiming https only ever adds Secure (its own cookie), never the prefix.
      const claimed = await signIn({ "x-forwarded-proto": "https" });
      expect(claimed.headers.get("set-cookie")).toMatch(/^inbox_session=.*; Secure/i);
      expect(claimed.headers.get("strict-transport-security")).toBeNull();
    }
  });
});
