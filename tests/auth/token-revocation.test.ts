import { describe, expect, it } from "vitest";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { POST as passwordRoute } from "@/app/api/me/password/route";
import { POST as createTokenRoute } from "@/app/api/tokens/route";
import { DELETE as removeMemberRoute, PATCH as updateMemberRoute } from "@/app/api/members/[id]/route";
import { POST as createMemberRoute } from "@/app/api/members/route";
import { GET as conversationsRoute } from "@/app/api/conversations/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/users";
import { testDb } from "../support/db";
import { call, randomEmail, SAME_ORIGIN } from "../support/route-call";

// A personal API token ends with everything else that ends a member's access, and only a
// signed-in browser session can create one or manage accounts.

const PASSWORD = "a long enough password";

async function member(role: "owner" | "member" = "member") {
  const user = await createUser(testDb(), { email: randomEmail(), password: PASSWORD, role });
  const { cookie } = await call(signInRoute, { method: "POST", body: { email: user.email, password: PASSWORD } });
  const tokens = [
    (await createApiToken(testDb(), user.id, "a")).token,
    (await createApiToken(testDb(), user.id, "b")).token,
  ];
  return { user, cookie: cookie!, tokens };
}

const works = async (token: string) => (await call(conversationsRoute, { bearer: token })).status;

describe("API tokens end with the member's access", { timeout: 120_000 }, () => {
  it("sign out everywhere revokes them and says how many", async () => {
    const m = await member();
    for (const t of m.tokens) expect(await works(t)).toBe(200);
    const res = await call(signOutRoute, {
      method: "POST",
      cookie: m.cookie,
      headers: SAME_ORIGIN,
      body: { everywhere: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.revoked).toEqual({ sessions: 1, apiTokens: 2 });
    for (const t of m.tokens) expect(await works(t)).toBe(401);
  });

  it("sign out everywhere sent with a token revokes that token too", async () => {
    const m = await member();
    const res = await call(signOutRoute, { method: "POST", bearer: m.tokens[0], body: { everywhere: true } });
    expect(res.body.revoked.apiTokens).toBe(2);
    for (const t of m.tokens) expect(await works(t)).toBe(401);
  });

  it("a password change revokes them (and keeps this session) and says how many", async () => {
    const m = await member();
    const res = await call(passwordRoute, {
      method: "POST",
      cookie: m.cookie,
      headers: SAME_ORIGIN,
      body: { current: PASSWORD, next: "another long password" },
    });
    expect(res.status).toBe(200);
    expect(res.body.revoked).toEqual({ sessions: 0, apiTokens: 2 });
    for (const t of m.tokens) expect(await works(t)).toBe(401);
  });

  it("an owner's reset of a member's password revokes theirs, and so does disabling", async () => {
    const owner = await member("owner");
    const m = await member();
    const reset = await call(updateMemberRoute, {
      method: "PATCH",
      cookie: owner.cookie,
      headers: SAME_ORIGIN,
      body: { password: "a reset long password" },
      params: { id: String(m.user.id) },
    });
    expect(reset.status).toBe(200);
    expect(reset.body.revoked).toEqual({ sessions: 1, apiTokens: 2 });
    for (const t of m.tokens) expect(await works(t)).toBe(401);
    for (const t of owner.tokens) expect(await works(t)).toBe(200);

    const other = await member();
    const disabled = await call(updateMemberRoute, {
      method: "PATCH",
      cookie: owner.cookie,
      headers: SAME_ORIGIN,
      body: { disabled: true },
      params: { id: String(other.user.id) },
    });
    expect(disabled.body.revoked).toEqual({ sessions: 1, apiTokens: 2 });
    await call(updateMemberRoute, {
      method: "PATCH",
      cookie: owner.cookie,
      headers: SAME_ORIGIN,
      body: { disabled: false },
      params: { id: String(other.user.id) },
    });
    // Enabled again, the member signs in afresh; the old tokens stay dead.
    for (const t of other.tokens) expect(await works(t)).toBe(401);
  });
});

describe("what a token cannot do", { timeout: 120_000 }, () => {
  it("creates no tokens, members or owners, and manages no accounts; a session can", async () => {
    const owner = await member("owner");
    const victim = await member();
    const [token] = owner.tokens;
    const mint = await call(createTokenRoute, { method: "POST", bearer: token, body: { name: "successor" } });
    expect(mint.status).toBe(403);
    expect(mint.body.error.code).toBe("session_required");
    for (const role of ["member", "owner"]) {
      const res = await call(createMemberRoute, {
        method: "POST",
        bearer: token,
        body: { email: randomEmail(), password: PASSWORD, role },
      });
      expect(res.status, role).toBe(403);
    }
    const id = { id: String(victim.user.id) };
    expect(
      (
        await call(updateMemberRoute, {
          method: "PATCH",
          bearer: token,
          body: { password: "taken over password" },
          params: id,
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(updateMemberRoute, { method: "PATCH", bearer: token, body: { disabled: true }, params: id })).status,
    ).toBe(403);
    expect((await call(removeMemberRoute, { method: "DELETE", bearer: token, params: id })).status).toBe(403);
    expect(await testDb().user.count({ where: { id: victim.user.id, disabledAt: null } })).toBe(1);

    expect(
      (
        await call(createTokenRoute, {
          method: "POST",
          cookie: owner.cookie,
          headers: SAME_ORIGIN,
          body: { name: "ok" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(createMemberRoute, {
          method: "POST",
          cookie: owner.cookie,
          headers: SAME_ORIGIN,
          body: { email: randomEmail(), password: PASSWORD },
        })
      ).status,
    ).toBe(201);
  });
});
