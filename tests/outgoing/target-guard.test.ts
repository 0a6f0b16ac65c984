import { afterEach, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/integrations/endpoints/route";
import { resetEnvCache } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { createEndpoint } from "@/lib/outgoing/endpoints";
import { postToTarget } from "@/lib/outgoing/post-target";
import { testDb } from "../support/db";
import { call, SAME_ORIGIN } from "../support/route-call";
import { createSession } from "@/lib/auth/sessions";
import { startReceiver } from "@/scripts/lib/webhook-receiver";
import { ownerId } from "./setup";

// Endpoint URLs pass the same SSRF rules as media: https, public addresses only, unless
// OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS names the host (development).

afterEach(() => {
  delete process.env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS;
  resetEnvCache();
});

const refused = async (url: string) => {
  const error = await createEndpoint(
    testDb(),
    { kind: "webhook", url, events: ["message.received"] },
    await ownerId(),
  ).catch((e: unknown) => e);
  expect(error, url).toBeInstanceOf(ApiError);
  expect((error as ApiError).code, url).toBe("target_refused");
  return (error as ApiError).message;
};

describe("endpoint targets", () => {
  it("refuses private, loopback, link-local and metadata addresses, plain http and credentials", async () => {
    expect(await refused("https://10.0.0.7/hook")).toMatch(/non-public/);
    expect(await refused("https://127.0.0.1/hook")).toMatch(/non-public/);
    expect(await refused("https://169.254.169.254/latest/meta-data")).toMatch(/non-public/);
    expect(await refused("https://[::1]/hook")).toMatch(/non-public/);
    expect(await refused("https://[::ffff:192.168.1.1]/hook")).toMatch(/non-public/);
    expect(await refused("http://hooks.example.com/hook")).toMatch(/only https/);
    expect(await refused("https://user:pw@hooks.example.com/hook")).toMatch(/credentials/);
  });

  it("refuses at delivery time a name that resolves to a private address (no request is made)", async () => {
    const receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    const result = await postToTarget(`https://localhost:${port}/hook`, "{}", {});
    expect(result).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/non-public address/) });
    expect(receiver.received).toHaveLength(0);
    await receiver.close();
  });

  it("allows a local receiver only when the development variable names it", async () => {
    const receiver = await startReceiver();
    expect((await postToTarget(receiver.url, "{}", {})).ok).toBe(false);
    process.env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
    resetEnvCache();
    expect(await postToTarget(receiver.url, "{}", {})).toEqual({ ok: true, status: 200, error: null });
    await receiver.close();
  });

  it("answers a refused target with a 400 naming the url, and only owners may add one", async () => {
    const body = { url: "https://10.1.2.3/x", events: ["message.received"] };
    const asOwner = await createSession(testDb(), await ownerId(), { userAgent: null, ip: null });
    const res = await call(createRoute as never, { method: "POST", body, cookie: asOwner.token, headers: SAME_ORIGIN });
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: "target_refused", message: expect.stringMatching(/^url: /) } },
    });
    const member = await testDb().user.create({
      data: { email: `m-${Math.random()}@example.com`, passwordHash: "x", role: "member" },
    });
    const asMember = await createSession(testDb(), member.id, { userAgent: null, ip: null });
    const denied = await call(createRoute as never, {
      method: "POST",
      body: { ...body, url: "https://hooks.example.com/x" },
      cookie: asMember.token,
      headers: SAME_ORIGIN,
    });
    expect(denied).toMatchObject({ status: 403, body: { error: { code: "owner_required" } } });
  });
});
