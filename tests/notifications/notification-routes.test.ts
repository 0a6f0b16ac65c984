import { describe, expect, it } from "vitest";
import { GET as unreadCountRoute } from "@/app/api/conversations/unread-count/route";
import { GET as meRoute, PATCH as mePatch } from "@/app/api/me/route";
import { DELETE as unsubscribeRoute, POST as subscribeRoute } from "@/app/api/me/push-subscriptions/route";
import { createSession } from "@/lib/auth/sessions";
import { Prisma } from "@/lib/generated/prisma/client";
import { unreadOpenConversations } from "@/lib/read/unread-count";
import { markReadForMember } from "@/lib/workflow/member-reads";
import { testDb } from "../support/db";
import { responseErrors } from "../support/openapi";
import { call, randomEmail, SAME_ORIGIN, type CallInit, type Handler } from "../support/route-call";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// The notification routes' real answers against the OpenAPI document, the preference, and
// the tab title's unread count.

const db = testDb();

async function member() {
  const user = await db.user.create({ data: { email: randomEmail(), passwordHash: "x", name: "Ada" } });
  const { token } = await createSession(db, user.id);
  return { id: user.id, as: { cookie: token, headers: SAME_ORIGIN } satisfies CallInit };
}

async function documented(handler: Handler, method: string, apiPath: string, init: CallInit, status: number) {
  const res = await call(handler, { ...init, method });
  expect(
    responseErrors(method, apiPath, res.status, res.body),
    `${method} ${apiPath} → ${res.status} ${JSON.stringify(res.body)}`,
  ).toEqual([]);
  expect(res.status, `${method} ${apiPath}`).toBe(status);
  return res.body;
}

describe("notification routes", () => {
  it("keep each member's preference (default: mine and unassigned) and answer as documented", async () => {
    const { as } = await member();
    expect((await documented(meRoute, "GET", "/api/me", as, 200)).preferences).toEqual({
      autoAssign: false,
      notifications: "mine_and_unassigned",
    });
    expect(await documented(mePatch, "PATCH", "/api/me", { ...as, body: { notifications: "mentions" } }, 200)).toEqual({
      notifications: "mentions",
    });
    expect((await call(meRoute, as)).body.preferences.notifications).toBe("mentions");
    const bad = await call(mePatch, { ...as, method: "PATCH", body: { notifications: "sometimes" } });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringMatching(/^notifications: /)]);
    expect((await call(mePatch, { ...as, method: "PATCH", body: {} })).status).toBe(400);

    const sub = {
      endpoint: "https://push.example.com/send/abc",
      keys: {
        p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url"),
        auth: Buffer.alloc(16, 1).toString("base64url"),
      },
    };
    await documented(subscribeRoute, "POST", "/api/me/push-subscriptions", { ...as, body: sub }, 200);
    await documented(
      unsubscribeRoute,
      "DELETE",
      "/api/me/push-subscriptions",
      { ...as, body: { endpoint: sub.endpoint } },
      200,
    );
    await documented(unreadCountRoute, "GET", "/api/conversations/unread-count", as, 200);
  });

  it("counts the open conversations a member has not read", async () => {
    const { id: me, as } = await member();
    const number = uniqueNumber();
    await callWebhook("receive", receiveBody({ number }));
    const { id } = await db.conversation.findFirstOrThrow({ where: { contactNumber: number } });
    // One snapshot, so other test files' webhooks meanwhile do not change the numbers. The
    // others are read up to 'infinity': a shared test database holds messages dated in the
    // future (the fuzz tests' bodies), which a read at now() leaves unread.
    await db
      .$transaction(
        async (tx) => {
          await tx.$executeRaw`
            INSERT INTO conversation_reads (user_id, conversation_id, read_at, marked_unread)
            SELECT ${me}, c.id, 'infinity', false FROM conversations c WHERE c.id <> ${id}`;
          expect(await unreadOpenConversations(db, me, tx)).toBe(1);
          await markReadForMember(tx, me, id);
          expect(await unreadOpenConversations(db, me, tx)).toBe(0);
          throw new Prisma.PrismaClientKnownRequestError("rolled back on purpose", {
            code: "P0000",
            clientVersion: "test",
          });
        },
        { isolationLevel: "RepeatableRead" },
      )
      .catch((e: Error) => expect(e.message).toBe("rolled back on purpose"));
    expect((await call(unreadCountRoute, as)).body.unread).toBeGreaterThanOrEqual(1);
  });
});
