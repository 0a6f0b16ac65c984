import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { baseUrl } from "./harness";
import { pageRoutes } from "./page-routes";

// Against the running production build: every page redirects an anonymous visitor to
// sign-in, pages carry a nonce CSP and the security headers, and no secret the server runs
// with appears anywhere in the client bundle.

const PUBLIC_PAGES = new Set(["/sign-in", "/setup"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe("pages and headers", () => {
  const pages = pageRoutes();

  it.each(pages.filter((p) => !PUBLIC_PAGES.has(p)))("anonymous %s redirects to sign-in", async (page) => {
    const res = await fetch(`${baseUrl()}${page}`, { redirect: "manual" });
    expect([302, 303, 307, 308]).toContain(res.status);
    expect(new URL(res.headers.get("location")!, baseUrl()).pathname).toBe("/sign-in");
  });

  it("serves pages with a nonce CSP and the security headers", async () => {
    const res = await fetch(`${baseUrl()}/sign-in`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const html = await res.text();
    const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
    // every inline script carries the nonce
    for (const tag of html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("ships no server secret in the client bundle", () => {
    const secrets = [
      env().INBOX_API_TOKEN!,
      env().SENDBLUE_WEBHOOK_SECRET!,
      env().DATABASE_URL!,
      new URL(env().DATABASE_URL!).pathname.slice(1),
    ];
    const bundle = files(path.resolve(".next/static"));
    expect(bundle.length).toBeGreaterThan(5);
    for (const file of bundle) {
      const text = readFileSync(file, "latin1");
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
      expect(text).not.toMatch(/postgres(ql)?:\/\/[^"'\s]*@/);
    }
  });
});
