import { describe, expect, it } from "vitest";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { GET as meRoute } from "@/app/api/me/route";
import { POST as passwordRoute } from "@/app/api/me/password/route";
import { MAX_FAILURES_PER_ACCOUNT } from "@/lib/auth/sign-in-throttle";
import { createUser } from "@/lib/auth/users";
import { testDb } from "../support/db";
import { call, randomEmail, SAME_ORIGIN } from "../support/route-call";

// Each attempt is counted before its password is hashed, atomically, so guesses sent in
// parallel cannot all slip in while the count is being read.

const PASSWORD = "a long enough password";

// Scrypt on a busy 2-core machine: generous time, never a timed assertion.
describe("the password-guess limit", { timeout: 120_000 }, () => {
  it("refuses all but the allowed few of 40 concurrent wrong passwords for one account", async () => {
    const user = await createUser(testDb(), { email: randomEmail(), password: PASSWORD });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(signInRoute, { method: "POST", body: { email: user.email, password: `wrong guess ${i}` } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - MAX_FAILURES_PER_ACCOUNT);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe("too_many_attempts");
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // The right password waits for the window too.
    expect((await call(signInRoute, { method: "POST", body: { email: user.email, password: PASSWORD } })).status).toBe(
      429,
    );
  });

  it("gives a correct sign-in its attempt back, so a member who types their password right is never counted", async () => {
    const user = await createUser(testDb(), { email: randomEmail(), password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT * 2; i++) {
      expect(
        (await call(signInRoute, { method: "POST", body: { email: user.email, password: PASSWORD } })).status,
      ).toBe(200);
    }
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      await call(signInRoute, { method: "POST", body: { email: user.email, password: "a wrong one" } });
    }
    expect((await call(signInRoute, { method: "POST", body: { email: user.email, password: PASSWORD } })).status).toBe(
      200,
    );
  });

  it("guards POST /api/me/password's current-password check with the same limit", async () => {
    const user = await createUser(testDb(), { email: randomEmail(), password: PASSWORD });
    const { cookie } = await call(signInRoute, { method: "POST", body: { email: user.email, password: PASSWORD } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(passwordRoute, {
          method: "POST",
          cookie,
          headers: SAME_ORIGIN,
          body: { current: `guess number ${i}`, next: "a brand new password" },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - MAX_FAILURES_PER_ACCOUNT);
    expect(results.find((r) => r.status === 429)!.body.error.code).toBe("too_many_attempts");
    // Even the right current password now waits, and so does sign-in: one budget per account.
    const right = await call(passwordRoute, {
      method: "POST",
      cookie,
      headers: SAME_ORIGIN,
      body: { current: PASSWORD, next: "a brand new password" },
    });
    expect(right.status).toBe(429);
    expect((await call(signInRoute, { method: "POST", body: { email: user.email, password: PASSWORD } })).status).toBe(
      429,
    );
    expect((await call(meRoute, { cookie })).status).toBe(200);
  });

  it("does not spend an attempt on a new password that is too weak", async () => {
    const user = await createUser(testDb(), { email: randomEmail(), password: PASSWORD });
    const { cookie } = await call(signInRoute, { method: "POST", body: { email: user.email, password: PASSWORD } });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT + 2; i++) {
      const res = await call(passwordRoute, {
        method: "POST",
        cookie,
        headers: SAME_ORIGIN,
        body: { current: "whatever", next: "short" },
      });
      expect(res.body.error.code).toBe("weak_password");
    }
    const ok = await call(passwordRoute, {
      method: "POST",
      cookie,
      headers: SAME_ORIGIN,
      body: { current: PASSWORD, next: "a brand new password" },
    });
    expect(ok.status).toBe(200);
  });
});
