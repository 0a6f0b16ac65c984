import { describe, expect, it } from "vitest";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { GET as meRoute } from "@/app/api/me/route";
import { POST as passwordRoute } from "@/app/api/me/password/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/tokens/route";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { POST as createMemberRoute } from "@/app/api/members/route";
import { PATCH as updateMemberRoute } from "@/app/api/members/[id]/route";
import { GET as conversationsRoute } from "@/app/api/conversations/route";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { MAX_FAILURES_PER_ACCOUNT } from "@/lib/auth/sign-in-throttle";
import { createUser } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { call, randomEmail } from "../support/route-call";

const email = randomEmail;
// Many scrypt hashes per test: generous time on a busy shared machine (nothing here is timed).
const PASSWORD = "a long enough password";

describe("passwords", () => {
  it("hashes with scrypt and a salt, and verifies", async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword("wrong password!!", a)).toBe(false);
  });
});

describe("sign-in and sessions", { timeout: 120_000 }, () => {
  it("signs in, sets a hardened cookie, authenticates with it and signs out", async () => {
    const address = email();
    await createUser(testDb(), { email: address, password: PASSWORD });
    const res = await call(signInRoute, { method: "POST", body: { email: address.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.setCookie).toMatch(/HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=lax/i);
    expect(res.setCookie).toMatch(/Path=\//);
    expect((await call(meRoute, { cookie: res.cookie })).body.user.email).toBe(address);
    expect(
      (
        await call(signOutRoute, {
          method: "POST",
          cookie: res.cookie,
          headers: { origin: "http://inbox.test", host: "inbox.test" },
        })
      ).status,
    ).toBe(200);
    expect((await call(meRoute, { cookie: res.cookie })).status).toBe(401);
  });

  it("answers a wrong email and a wrong password the same way", async () => {
    const address = email();
    await createUser(testDb(), { email: address, password: PASSWORD });
    const wrongEmail = await call(signInRoute, { method: "POST", body: { email: email(), password: PASSWORD } });
    const wrongPassword = await call(signInRoute, {
      method: "POST",
      body: { email: address, password: "not the password" },
    });
    expect(wrongEmail).toEqual(wrongPassword);
    expect(wrongEmail.status).toBe(401);
  });

  it("rate-limits failures per account, even for the right password afterwards", async () => {
    const address = email();
    await createUser(testDb(), { email: address, password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(
        (await call(signInRoute, { method: "POST", body: { email: address, password: `wrong ${i}` } })).status,
      ).toBe(401);
    }
    const locked = await call(signInRoute, { method: "POST", body: { email: address, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("too_many_attempts");
  });

  it("refuses cookie-authenticated state changes from another origin", async () => {
    const address = email();
    await createUser(testDb(), { email: address, password: PASSWORD });
    const { cookie } = await call(signInRoute, { method: "POST", body: { email: address, password: PASSWORD } });
    const res = await call(createTokenRoute, {
      method: "POST",
      cookie,
      body: { name: "x" },
      headers: { origin: "https://evil.example", host: "inbox.test" },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("cross_site_request");
  });

  it("changing the password signs out other devices; disabling a member revokes their sessions", async () => {
    const owner = await createUser(testDb(), { email: email(), password: PASSWORD, role: "owner" });
    const a = await call(signInRoute, { method: "POST", body: { email: owner.email, password: PASSWORD } });
    const b = await call(signInRoute, { method: "POST", body: { email: owner.email, password: PASSWORD } });
    const same = { origin: "http://inbox.test", host: "inbox.test" };
    expect(
      (
        await call(passwordRoute, {
          method: "POST",
          cookie: a.cookie,
          body: { current: PASSWORD, next: "another long password" },
          headers: same,
        })
      ).status,
    ).toBe(200);
    expect((await call(meRoute, { cookie: a.cookie })).status).toBe(200);
    expect((await call(meRoute, { cookie: b.cookie })).status).toBe(401);

    const created = await call(createMemberRoute, {
      method: "POST",
      cookie: a.cookie,
      headers: same,
      body: { email: email(), password: PASSWORD },
    });
    expect(created.status).toBe(201);
    const m = await call(signInRoute, {
      method: "POST",
      body: { email: created.body.member.email, password: PASSWORD },
    });
    expect((await call(meRoute, { cookie: m.cookie })).status).toBe(200);
    const patch = await call(updateMemberRoute, {
      method: "PATCH",
      cookie: a.cookie,
      headers: same,
      body: { disabled: true },
      params: { id: String(created.body.member.id) },
    });
    expect(patch.status).toBe(200);
    expect((await call(meRoute, { cookie: m.cookie })).status).toBe(401);
    expect(
      (await call(signInRoute, { method: "POST", body: { email: created.body.member.email, password: PASSWORD } }))
        .status,
    ).toBe(401);
    // members cannot manage members
    const member2 = await createUser(testDb(), { email: email(), password: PASSWORD });
    const s2 = await call(signInRoute, { method: "POST", body: { email: member2.email, password: PASSWORD } });
    expect(
      (
        await call(createMemberRoute, {
          method: "POST",
          cookie: s2.cookie,
          headers: same,
          body: { email: email(), password: PASSWORD },
        })
      ).status,
    ).toBe(403);
  });
});

describe("an owner resetting a member's password", { timeout: 120_000 }, () => {
  it("sets it, ends the member's sessions, lifts their lockout, and refuses weak passwords, self and non-owners", async () => {
    const same = { origin: "http://inbox.test", host: "inbox.test" };
    const owner = await createUser(testDb(), { email: email(), password: PASSWORD, role: "owner" });
    const member = await createUser(testDb(), { email: email(), password: PASSWORD });
    const o = await call(signInRoute, { method: "POST", body: { email: owner.email, password: PASSWORD } });
    const m = await call(signInRoute, { method: "POST", body: { email: member.email, password: PASSWORD } });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await call(signInRoute, { method: "POST", body: { email: member.email, password: "a wrong guess, again" } });
    }
    const params = { id: String(member.id) };

    const weak = await call(updateMemberRoute, {
      method: "PATCH",
      cookie: o.cookie,
      headers: same,
      body: { password: "short" },
      params,
    });
    expect(weak.body.error.code).toBe("weak_password");
    const self = await call(updateMemberRoute, {
      method: "PATCH",
      cookie: o.cookie,
      headers: same,
      body: { password: "a new long password" },
      params: { id: String(owner.id) },
    });
    expect(self.body.error.code).toBe("use_change_password");
    const byMember = await call(updateMemberRoute, {
      method: "PATCH",
      cookie: m.cookie,
      headers: same,
      body: { password: "a new long password" },
      params: { id: String(owner.id) },
    });
    expect(byMember.status).toBe(403);
    expect(
      (await call(updateMemberRoute, { method: "PATCH", cookie: o.cookie, headers: same, body: {}, params })).status,
    ).toBe(400);

    const reset = await call(updateMemberRoute, {
      method: "PATCH",
      cookie: o.cookie,
      headers: same,
      body: { password: "a new long password" },
      params,
    });
    expect(reset.status).toBe(200);
    expect((await call(meRoute, { cookie: m.cookie })).status).toBe(401);
    expect(
      (await call(signInRoute, { method: "POST", body: { email: member.email, password: PASSWORD } })).status,
    ).toBe(401);
    expect(
      (await call(signInRoute, { method: "POST", body: { email: member.email, password: "a new long password" } }))
        .status,
    ).toBe(200);
    expect((await call(meRoute, { cookie: o.cookie })).status).toBe(200);
  });
});

describe("personal API tokens", { timeout: 120_000 }, () => {
  it("are shown once, stored hashed, record last use and can be revoked", async () => {
    const user = await createUser(testDb(), { email: email(), password: PASSWORD });
    const { cookie } = await call(signInRoute, { method: "POST", body: { email: user.email, password: PASSWORD } });
    const same = { origin: "http://inbox.test", host: "inbox.test" };
    const created = await call(createTokenRoute, { method: "POST", cookie, headers: same, body: { name: "CRM sync" } });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^sbi_/);
    const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);

    expect((await call(conversationsRoute, { bearer: token })).status).toBe(200);
    const listed = await call(listTokensRoute, { cookie });
    expect(listed.body.tokens[0]).toMatchObject({
      name: "CRM sync",
      prefix: token.slice(0, 10),
      lastUsedAt: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toContain(token);

    expect(
      (
        await call(revokeTokenRoute, {
          method: "DELETE",
          cookie,
          headers: same,
          params: { id: String(created.body.id) },
        })
      ).status,
    ).toBe(200);
    expect((await call(conversationsRoute, { bearer: token })).status).toBe(401);
  });

  it("keeps INBOX_API_TOKEN working for automation", async () => {
    expect((await call(conversationsRoute, { bearer: env().INBOX_API_TOKEN! })).status).toBe(200);
  });
});
