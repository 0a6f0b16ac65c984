import { describe, expect, it } from "vitest";
import { GET as listConversationsRoute } from "@/app/api/conversations/route";
import { GET as listMessagesRoute } from "@/app/api/conversations/[id]/messages/route";
import { POST as markReadRoute } from "@/app/api/conversations/[id]/read/route";
import { GET as getMessageRoute } from "@/app/api/messages/[handle]/route";
import { GET as listEventsRoute } from "@/app/api/webhook-events/route";
import { POST as reprocessRoute } from "@/app/api/webhook-events/[id]/reprocess/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

type Handler<P> = (request: Request, segment: { params: Promise<P> }) => Promise<Response>;

async function call<P>(
  handler: Handler<P>,
  path: string,
  params: P,
  init: RequestInit & { token?: string | null } = {},
) {
  const token = init.token === undefined ? env().INBOX_API_TOKEN : init.token;
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  const res = await handler(new Request(`http://inbox.test${path}`, { ...init, headers }), {
    params: Promise.resolve(params),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("read API", () => {
  it("401 without the bearer token, in the one error shape", async () => {
    for (const token of [null, "not-the-token-at-all"]) {
      const res = await call(listConversationsRoute, "/api/conversations", {}, { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  it("health needs no auth and reports the database", async () => {
    expect(await call(healthRoute, "/api/health", {}, { token: null })).toMatchObject({
      status: 200,
      body: { ok: true, db: "up", sync: expect.any(Object) },
    });
  });

  it("lists conversations newest activity first with keyset paging, line and unread filters", async () => {
    const line = uniqueNumber();
    const contacts = [uniqueNumber(), uniqueNumber(), uniqueNumber()];
    for (const [i, number] of contacts.entries()) {
      await callWebhook(
        "receive",
        receiveBody({
          number,
          sendblue_number: line,
          to_number: line,
          content: `hi ${i}`,
          date_sent: new Date(Date.UTC(2026, 5, 1, 10, i)).toISOString(),
        }),
      );
    }
    const page1 = await call(listConversationsRoute, `/api/conversations?line=${encodeURIComponent(line)}&limit=2`, {});
    expect(page1.status).toBe(200);
    expect(page1.body.conversations.map((c: any) => c.contact.number)).toEqual([contacts[2], contacts[1]]);
    expect(page1.body.conversations[0]).toMatchObject({
      kind: "direct",
      line,
      title: contacts[2],
      groupId: null,
      participants: [],
      unreadCount: 1,
      typing: false,
      lastMessage: { content: "hi 2", direction: "inbound", media: [], reactions: [] },
    });
    const page2 = await call(
      listConversationsRoute,
      `/api/conversations?line=${encodeURIComponent(line)}&limit=2&cursor=${page1.body.nextCursor}`,
      {},
    );
    expect(page2.body.conversations.map((c: any) => c.contact.number)).toEqual([contacts[0]]);
    expect(page2.body.nextCursor).toBeNull();

    const id = page1.body.conversations[0].id;
    expect(
      (await call(markReadRoute, `/api/conversations/${id}/read`, { id: String(id) }, { method: "POST" })).status,
    ).toBe(200);
    const unread = await call(
      listConversationsRoute,
      `/api/conversations?line=${encodeURIComponent(line)}&unread=true`,
      {},
    );
    expect(unread.body.conversations.map((c: any) => c.contact.number)).toEqual([contacts[1], contacts[0]]);
  });

  it("pages a thread backwards, oldest to newest within a page", async () => {
    const number = uniqueNumber();
    for (let i = 0; i < 5; i++) {
      await callWebhook(
        "receive",
        receiveBody({ number, content: `m${i}`, date_sent: new Date(Date.UTC(2026, 6, 1, 9, i)).toISOString() }),
      );
    }
    const conv = await testDb().conversation.findFirstOrThrow({ where: { contactNumber: number } });
    const path = `/api/conversations/${conv.id}/messages`;
    const p1 = await call(listMessagesRoute, `${path}?limit=2`, { id: String(conv.id) });
    expect(p1.body.messages.map((m: any) => m.content)).toEqual(["m3", "m4"]);
    const p2 = await call(listMessagesRoute, `${path}?limit=2&before=${p1.body.nextCursor}`, { id: String(conv.id) });
    expect(p2.body.messages.map((m: any) => m.content)).toEqual(["m1", "m2"]);
    const p3 = await call(listMessagesRoute, `${path}?limit=2&before=${p2.body.nextCursor}`, { id: String(conv.id) });
    expect(p3.body).toMatchObject({ nextCursor: null });
    expect(p3.body.messages.map((m: any) => m.content)).toEqual(["m0"]);
    expect((await call(listMessagesRoute, `${path}?before=garbage`, { id: String(conv.id) })).body.error.code).toBe(
      "invalid_cursor",
    );
    expect((await call(listMessagesRoute, `/api/conversations/999999999/messages`, { id: "999999999" })).status).toBe(
      404,
    );
    expect((await call(listMessagesRoute, `/api/conversations/abc/messages`, { id: "abc" })).status).toBe(400);
  });

  it("returns a message with its status history", async () => {
    const body = statusBody({ status: "QUEUED" });
    await callWebhook("outbound", body);
    await callWebhook("outbound", { ...body, status: "DELIVERED" });
    const res = await call(getMessageRoute, `/api/messages/${body.message_handle}`, { handle: body.message_handle });
    expect(res.body).toMatchObject({ handle: body.message_handle, status: "DELIVERED", direction: "outbound" });
    expect(res.body.statusHistory.map((s: any) => s.status)).toEqual(["QUEUED", "DELIVERED"]);
    expect((await call(getMessageRoute, "/api/messages/nope", { handle: "nope" })).status).toBe(404);
  });

  it("lists the raw webhook log by type and outcome, and re-processes an event idempotently", async () => {
    const bad = receiveBody();
    delete (bad as Record<string, unknown>).message_handle;
    await callWebhook("receive", bad);
    const invalid = await call(listEventsRoute, "/api/webhook-events?type=receive&outcome=invalid&limit=1", {});
    // a refused body comes back as text (and pretty-printed), never parsed
    expect(invalid.body.events[0]).toMatchObject({ type: "receive", outcome: "invalid", statusCode: 422, json: null });
    expect(JSON.parse(invalid.body.events[0].body)).toEqual(bad);
    expect(JSON.parse(invalid.body.events[0].pretty)).toEqual(bad);

    const good = receiveBody();
    const posted = await callWebhook("receive", good);
    const id = posted.body!.eventId as number;
    const again = await call(
      reprocessRoute,
      `/api/webhook-events/${id}/reprocess`,
      { id: String(id) },
      { method: "POST" },
    );
    expect(again.body).toMatchObject({ outcome: "duplicate" });
    const row = await testDb().webhookEvent.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ outcome: "duplicate", attempts: 2 });
    expect(await testDb().message.count({ where: { handle: good.message_handle } })).toBe(1);
    expect((await call(listEventsRoute, "/api/webhook-events?outcome=bogus", {})).status).toBe(400);
  });
});
