import { describe, expect, it } from "vitest";
import { isValidSessionCookie, SESSION_COOKIE } from "@/lib/auth/dashboard-session";
import { isHttpsRequest, safeNextPath, signIn } from "@/lib/auth/sign-in";

const TOKEN = "a-token-of-at-least-16-chars";

describe("signIn", () => {
  it("accepts the right token and returns an httpOnly Lax cookie derived from it", () => {
    const result = signIn(`  ${TOKEN}\n`, TOKEN, false);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cookie.name).toBe(SESSION_COOKIE);
    expect(result.cookie.value).not.toContain(TOKEN);
    expect(isValidSessionCookie(result.cookie.value, TOKEN)).toBe(true);
    expect(result.cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false, path: "/" });
  });

  it("marks the cookie Secure on https", () => {
    const result = signIn(TOKEN, TOKEN, true);
    expect(result.ok && result.cookie.options.secure).toBe(true);
  });

  it("refuses a wrong, empty or non-string token, and any token when none is configured", () => {
    expect(signIn(`${TOKEN}x`, TOKEN, false)).toMatchObject({ ok: false });
    expect(signIn(TOKEN.slice(0, -1), TOKEN, false)).toMatchObject({ ok: false });
    expect(signIn("", TOKEN, false)).toMatchObject({ ok: false, error: "Paste the token first." });
    expect(signIn(null, TOKEN, false)).toMatchObject({ ok: false });
    expect(signIn(TOKEN, undefined, false)).toMatchObject({ ok: false, error: expect.stringContaining("not configured") });
  });

  it("a cookie made from another token is not valid", () => {
    const other = signIn("another-token-0123456789", "another-token-0123456789", false);
    expect(other.ok && isValidSessionCookie(other.cookie.value, TOKEN)).toBe(false);
  });
});

describe("safeNextPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeNextPath("/contacts?q=ada")).toBe("/contacts?q=ada");
    expect(safeNextPath("/events")).toBe("/events");
  });

  it("sends everything else to /", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "evil", "", undefined, 42, "/sign-in?next=/x"]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
});

describe("isHttpsRequest", () => {
  it("reads the first x-forwarded-proto hop", () => {
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(isHttpsRequest(new Headers())).toBe(false);
  });
});
