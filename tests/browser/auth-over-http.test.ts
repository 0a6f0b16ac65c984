import { afterAll, describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { MAX_FAILURES_PER_IP } from "@/lib/auth/sign-in-throttle";
import { testDb } from "../support/db";
import { baseUrl, testMember } from "./harness";

// Attacks on sign-in through the real server (production build, served as `npm start`
// serves it), where headers reach us the way an attacker would send them.

describe("after sign-in, ?next= through the real server", () => {
  it("never answers with a Location on another origin", async () => {
    const { token } = await createSession(testDb(), (await testMember()).id);
    const origin = new URL(baseUrl()).origin;
    const hostile = [
      "/.//evil.example",
      "/..//evil.example",
      "/%2e//evil.example",
      "/%2f/evil.example",
      "/%09/evil.example",
      "/%5c/evil.example",
      "//evil.example",
      "https://evil.example/",
    ];
    for (const next of hostile) {
      const res = await fetch(`${baseUrl()}/sign-in?next=${encodeURIComponent(next)}`, {
        redirect: "manual",
        headers: { cookie: `${sessionCookieName()}=${token}` },
      });
      expect(res.status, next).toBe(307);
      const location = res.headers.get("location")!;
      expect(location, next).not.toMatch(/^(\/\/|\/\\|[a-z]+:)/i);
      expect(new URL(location, `${origin}/sign-in`).origin, next).toBe(origin);
    }
    // An ordinary path still works.
    const ok = await fetch(`${baseUrl()}/sign-in?next=${encodeURIComponent("/events?outcome=failed")}`, {
      redirect: "manual",
      headers: { cookie: `${sessionCookieName()}=${token}` },
    });
    expect(ok.headers.get("location")).toBe("/events?outcome=failed");
  });
});

describe("per-IP sign-in limit through the real server", () => {
  // This server answers only 127.0.0.1; the test's guesses are its only ones from there now.
  const clear = () => testDb().authThrottle.deleteMany({ where: { key: { in: ["ip:127.0.0.1", "ip:::1"] } } });
  afterAll(clear);

  it("counts the socket address, so rotating X-Forwarded-For does not reset it", { timeout: 180_000 }, async () => {
    await clear();
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_IP; i++) {
      const res = await fetch(`${baseUrl()}/api/auth/sign-in`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `198.51.100.${i}`,
          "x-real-ip": `203.0.113.${i}`,
        },
        body: JSON.stringify({ email: `nobody-${i}-${Date.now()}@inbox.test`, password: "a wrong password" }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, MAX_FAILURES_PER_IP).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const row = await testDb().authThrottle.findUnique({ where: { key: "ip:127.0.0.1" } });
    expect(row?.failures).toBe(MAX_FAILURES_PER_IP + 1);
  });
});
