import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpush from "web-push";
import { DELETE as unsubscribeRoute, POST as subscribeRoute } from "@/app/api/me/push-subscriptions/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createSession, revokeSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { resetEnvCache } from "@/lib/env";
import { createNote } from "@/lib/notes/create-note";
import { drainPush } from "@/lib/notifications/push-deliver";
import { dropStalePushJobs } from "@/lib/notifications/push-queue";
import { vapidPublicKeyFor } from "@/lib/notifications/vapid";
import type { NotifyPreference } from "@/lib/notifications/should-notify";
import { changeConversation } from "@/lib/workflow/change-conversation";
import { testDb } from "../support/db";
import { decryptPush, startPushService, type FakeSubscription } from "../support/push-service-stand-in";
import { call, randomEmail, SAME_ORIGIN } from "../support/route-call";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// Web Push up to the push service's door: a webhook's message (or a note's mention) is queued
// in its own transaction, the worker sends each member who wants it an encrypted, VAPID-signed
// push, and a local stand-in push service checks the signature and decrypts the body with the
// fake subscription's private key, as the browser would.

const db = testDb();
const VAPID = webpush.generateVAPIDKeys();
let service: Awaited<ReturnType<typeof startPushService>>;
const saved = { ...process.env };

beforeAll(async () => {
  process.env.VAPID_PRIVATE_KEY = VAPID.privateKey;
  process.env.VAPID_SUBJECT = "mailto:ops@inbox.test";
  process.env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
  resetEnvCache();
  // /gone/… answers 410 (unsubscribed), /flaky/… 503 once, everything else 201.
  service = await startPushService((path, n) =>
    path.startsWith("/gone/") ? 410 : path.startsWith("/flaky/") && n === 0 ? 503 : 201,
  );
});

afterAll(async () => {
  await service.close();
  process.env = saved;
  resetEnvCache();
});

type Device = { userId: number; session: string; sub: FakeSubscription; name: string };

/** A member signed in on a browser that subscribed to pushes through the API. */
async function device(name: string, preference: NotifyPreference, path = `/push/${randomEmail()}`): Promise<Device> {
  const user = await createUser(db, { email: randomEmail(), password: "long enough password", name });
  await db.user.update({ where: { id: user.id }, data: { notifications: preference } });
  const { token } = await createSession(db, user.id);
  const sub = service.subscription(path);
  const res = await call(subscribeRoute, {
    method: "POST",
    cookie: token,
    headers: SAME_ORIGIN,
    body: { ...sub, secret: undefined, expirationTime: null },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { userId: user.id, session: token, sub, name };
}

async function conversation() {
  const number = uniqueNumber();
  await callWebhook("receive", receiveBody({ number }));
  const c = await db.conversation.findFirstOrThrow({ where: { contactNumber: number } });
  await db.contact.update({ where: { number }, data: { firstName: "Ada", lastName: "Lovelace" } });
  // The first message's pushes are not what the tests look at.
  await db.pushQueue.deleteMany({ where: { conversationId: c.id } });
  return { id: c.id, number };
}

/** The pushes each device got since `from`, decrypted. */
function pushesTo(devices: Device[], from: number) {
  return devices.map((d) =>
    service.received
      .slice(from)
      .filter((r) => d.sub.endpoint.endsWith(r.path) && r.status < 300)
      .map((r) => JSON.parse(decryptPush(r.body, d.sub.secret)) as Record<string, string>),
  );
}

describe("Web Push", () => {
  it("sends each member what their preference asks for, encrypted and VAPID-signed", async () => {
    const all = await device("Ada", "all");
    const mine = await device("Bo", "mine_and_unassigned");
    const mentions = await device("Cy", "mentions");
    const off = await device("Di", "off");
    const devices = [all, mine, mentions, off];
    const c = await conversation();
    // Other test files' members may be auto-assigned new conversations: say who has it.
    await changeConversation(db, c.id, null, { assigneeId: null });

    let from = service.received.length;
    await callWebhook("receive", receiveBody({ number: c.number, content: "Is the shop\nopen today?" }));
    await drainPush(db, { conversationIds: [c.id] });
    const unassigned = pushesTo(devices, from);
    expect(unassigned.map((p) => p.length)).toEqual([1, 1, 0, 0]);
    expect(unassigned[0]![0]).toMatchObject({
      title: "Ada Lovelace",
      body: "Is the shop open today?",
      url: `/?c=${c.id}`,
    });
    expect(unassigned[0]![0]!.tag).toMatch(/^message:/);

    // What a push service checks: the VAPID JWT, signed by our key, for its origin; TTL; encoding.
    const request = service.received.find((r) => all.sub.endpoint.endsWith(r.path))!;
    expect(request.vapid?.publicKey).toBe(vapidPublicKeyFor(VAPID.privateKey));
    expect(request.vapid?.claims).toMatchObject({ aud: service.origin, sub: "mailto:ops@inbox.test" });
    expect(Number(request.vapid?.claims.exp)).toBeGreaterThan(Date.now() / 1000);
    expect(Number(request.vapid?.claims.exp)).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 3600);
    expect(request.headers).toMatchObject({
      ttl: "3600",
      "content-encoding": "aes128gcm",
      "content-type": "application/octet-stream",
      urgency: "high",
    });

    // Assigned to someone else: only "all"; assigned to Bo: Bo too.
    await changeConversation(db, c.id, null, { assigneeId: all.userId });
    from = service.received.length;
    await callWebhook("receive", receiveBody({ number: c.number, content: "Hello?" }));
    await drainPush(db, { conversationIds: [c.id] });
    expect(pushesTo(devices, from).map((p) => p.length)).toEqual([1, 0, 0, 0]);
    await changeConversation(db, c.id, null, { assigneeId: mine.userId });
    from = service.received.length;
    await callWebhook("receive", receiveBody({ number: c.number, content: "Anyone?" }));
    await drainPush(db, { conversationIds: [c.id] });
    expect(pushesTo(devices, from).map((p) => p.length)).toEqual([1, 1, 0, 0]);

    // A mention reaches the mentioned member, unless they turned notifications off.
    from = service.received.length;
    const author = { id: all.userId, email: "ada@inbox.test", name: "Ada", role: "member" as const };
    const note = await createNote(db, author, {
      conversationId: c.id,
      body: "@Cy @Di can one of you call her?",
      mentions: [mentions.userId, off.userId],
    });
    await drainPush(db, { conversationIds: [c.id] });
    const mentioned = pushesTo(devices, from);
    expect(mentioned.map((p) => p.length)).toEqual([0, 0, 1, 0]);
    expect(mentioned[2]![0]).toEqual({
      title: "Ada Lovelace",
      body: "Ada mentioned you: @Cy @Di can one of you call her?",
      url: `/?c=${c.id}&note=${note.id}`,
      tag: expect.stringMatching(/^mention:\d+$/),
    });
    expect(await db.pushQueue.count({ where: { conversationId: c.id } })).toBe(0);
    const success = await db.pushSubscription.findUniqueOrThrow({ where: { endpoint: all.sub.endpoint } });
    expect([success.failureCount, success.lastSuccessAt]).toEqual([0, expect.any(Date)]);
  });

  it("queues nothing for history: an import, or a message sent over a day ago", async () => {
    await device("Eve", "all");
    const c = await conversation();
    await callWebhook(
      "receive",
      receiveBody({ number: c.number, date_sent: new Date(Date.now() - 2 * 86_400_000).toISOString() }),
    );
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('inbox.sync_quiet', 'on', true)`;
      await tx.message.create({
        data: {
          handle: `quiet-${Math.random()}`,
          conversationId: c.id,
          direction: "inbound",
          status: "RECEIVED",
          sentAt: new Date(),
        },
      });
    });
    expect(await db.pushQueue.count({ where: { conversationId: c.id } })).toBe(0);
  });

  it("drops a subscription the push service no longer knows (410), and retries one that is down", async () => {
    const gone = await device("Fay", "all", `/gone/${randomEmail()}`);
    const flaky = await device("Gus", "all", `/flaky/${randomEmail()}`);
    const c = await conversation();
    await callWebhook("receive", receiveBody({ number: c.number, content: "ping" }));
    await drainPush(db, { conversationIds: [c.id] });
    expect(await db.pushSubscription.count({ where: { endpoint: gone.sub.endpoint } })).toBe(0);
    const waiting = await db.pushQueue.findFirstOrThrow({ where: { conversationId: c.id } });
    const flakyRow = await db.pushSubscription.findUniqueOrThrow({ where: { endpoint: flaky.sub.endpoint } });
    expect(waiting.onlySubscriptionIds).toEqual([flakyRow.id]);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect([flakyRow.failureCount, flakyRow.lastError]).toEqual([1, expect.stringContaining("503")]);

    await db.pushQueue.update({ where: { id: waiting.id }, data: { nextAttemptAt: new Date(0) } });
    const from = service.received.length;
    await drainPush(db, { conversationIds: [c.id] });
    // Only the one that failed is tried again (the others already have it).
    const retried = service.received.slice(from).filter((r) => r.status < 300);
    expect(retried.map((r) => r.path)).toEqual([new URL(flaky.sub.endpoint).pathname]);
    expect(JSON.parse(decryptPush(retried[0]!.body, flaky.sub.secret)).body).toBe("ping");
    expect(
      (await db.pushSubscription.findUniqueOrThrow({ where: { endpoint: flaky.sub.endpoint } })).failureCount,
    ).toBe(0);
  });

  it("drops notices an hour old unsent, and sends nothing without a VAPID key", async () => {
    const d = await device("Ivy", "all");
    const c = await conversation();
    await callWebhook("receive", receiveBody({ number: c.number, content: "late" }));
    const row = await db.pushQueue.findFirstOrThrow({ where: { conversationId: c.id } });
    process.env.VAPID_PRIVATE_KEY = "";
    resetEnvCache();
    const from = service.received.length;
    expect(await drainPush(db, { conversationIds: [c.id] })).toEqual({ claimed: 0, sent: 0 });
    process.env.VAPID_PRIVATE_KEY = VAPID.privateKey;
    resetEnvCache();
    expect(pushesTo([d], from)).toEqual([[]]);
    await db.pushQueue.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - 3_601_000) } });
    expect(await dropStalePushJobs(db, 3_600_000)).toBeGreaterThanOrEqual(1);
    expect(await db.pushQueue.count({ where: { conversationId: c.id } })).toBe(0);
  });

  it("stops pushing to a device when its sign-in ends", async () => {
    const d = await device("Hal", "all");
    const c = await conversation();
    await revokeSession(db, d.session);
    const from = service.received.length;
    await callWebhook("receive", receiveBody({ number: c.number, content: "after sign-out" }));
    await drainPush(db, { conversationIds: [c.id] });
    expect(pushesTo([d], from)).toEqual([[]]);
  });

  it("subscribes from a signed-in session only, to a public https endpoint, and unsubscribes only your own", async () => {
    const user = await createUser(db, { email: randomEmail(), password: "long enough password" });
    const { token } = await createSession(db, user.id);
    const sub = service.subscription("/push/api-check");
    const body = { endpoint: sub.endpoint, keys: sub.keys };
    const apiToken = (await createApiToken(db, user.id, "t")).token;
    expect((await call(subscribeRoute, { method: "POST", bearer: apiToken, body })).status).toBe(403);
    for (const endpoint of [
      "http://push.example.com/x",
      "https://10.0.0.7/x",
      "https://[::1]/x",
      "https://user:pw@push.example.com/x",
    ]) {
      const res = await call(subscribeRoute, {
        method: "POST",
        cookie: token,
        headers: SAME_ORIGIN,
        body: { ...body, endpoint },
      });
      expect([res.status, res.body.error?.message], endpoint).toEqual([400, expect.stringMatching(/^endpoint: /)]);
    }
    const badKey = await call(subscribeRoute, {
      method: "POST",
      cookie: token,
      headers: SAME_ORIGIN,
      body: { ...body, keys: { ...sub.keys, p256dh: "AAAA" } },
    });
    expect([badKey.status, badKey.body.error.message]).toEqual([400, expect.stringMatching(/^keys\.p256dh: /)]);
    expect((await call(subscribeRoute, { method: "POST", cookie: token, headers: SAME_ORIGIN, body })).status).toBe(
      200,
    );

    const other = await createUser(db, { email: randomEmail(), password: "long enough password" });
    const otherSession = (await createSession(db, other.id)).token;
    const notTheirs = await call(unsubscribeRoute, {
      method: "DELETE",
      cookie: otherSession,
      headers: SAME_ORIGIN,
      body: { endpoint: sub.endpoint },
    });
    expect(notTheirs.body).toEqual({ removed: false });
    const mine = await call(unsubscribeRoute, {
      method: "DELETE",
      cookie: token,
      headers: SAME_ORIGIN,
      body: { endpoint: sub.endpoint },
    });
    expect(mine.body).toEqual({ removed: true });
  });
});
