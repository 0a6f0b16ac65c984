import { describe, expect, it } from "vitest";
import { GET as contacts } from "@/app/api/contacts/route";
import { GET as conversation } from "@/app/api/conversations/[id]/route";
import { GET as messages } from "@/app/api/conversations/[id]/messages/route";
import { POST as markRead } from "@/app/api/conversations/[id]/read/route";
import { GET as conversations } from "@/app/api/conversations/route";
import { GET as health } from "@/app/api/health/route";
import { GET as lines } from "@/app/api/lines/route";
import { GET as messageContext } from "@/app/api/messages/[handle]/context/route";
import { GET as message } from "@/app/api/messages/[handle]/route";
import { GET as search } from "@/app/api/search/route";
import { GET as version } from "@/app/api/version/route";
import { GET as webhookEvent } from "@/app/api/webhook-events/[id]/route";
import { GET as webhookEvents } from "@/app/api/webhook-events/route";
import { GET as listDeliveries } from "@/app/api/integrations/endpoints/[id]/deliveries/route";
import { DELETE as removeEndpoint, PATCH as updateEndpoint } from "@/app/api/integrations/endpoints/[id]/route";
import { GET as listEndpoints, POST as createEndpoint } from "@/app/api/integrations/endpoints/route";
import { createSession } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { responseErrors } from "../support/openapi";
import { call, SAME_ORIGIN } from "../support/route-call";
import { callWebhook, receiveBody, statusBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

// Real answers of the API, validated against the schemas the OpenAPI document publishes.

type Handler = (request: Request, segment: { params: Promise<any> }) => Promise<Response>;

async function check(handler: Handler, method: string, apiPath: string, url: string, params: object = {}) {
  const res = await handler(
    new Request(`http://inbox.test${url}`, { method, headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` } }),
    { params: Promise.resolve(params) },
  );
  const body = await res.json();
  expect(responseErrors(method, apiPath, res.status, body), `${method} ${url} → ${res.status}`).toEqual([]);
  return { status: res.status, body };
}

describe("real answers match the OpenAPI document", () => {
  it("read routes, with data in them (media, a failed send, status history)", async () => {
    const number = uniqueNumber();
    const handle = uniqueHandle();
    await callWebhook("receive", receiveBody({ number, content: "photo", media_url: "https://cdn.example.com/a.jpg" }));
    await callWebhook(
      "status",
      statusBody({
        number,
        message_handle: handle,
        status: "ERROR",
        error_code: 10002,
        error_message: "Undeliverable",
      }),
    );
    const conv = await testDb().conversation.findFirstOrThrow({ where: { contactNumber: number } });
    const id = String(conv.id);

    const list = await check(conversations, "GET", "/api/conversations", "/api/conversations?limit=2");
    expect(list.body.nextCursor).not.toBeUndefined();
    await check(conversation, "GET", "/api/conversations/{id}", `/api/conversations/${id}`, { id });
    const page = await check(messages, "GET", "/api/conversations/{id}/messages", `/api/conversations/${id}/messages`, {
      id,
    });
    expect(page.body.messages.length).toBe(2);
    await check(message, "GET", "/api/messages/{handle}", `/api/messages/${handle}`, { handle });
    await check(messageContext, "GET", "/api/messages/{handle}/context", `/api/messages/${handle}/context`, { handle });
    await check(markRead, "POST", "/api/conversations/{id}/read", `/api/conversations/${id}/read`, { id });
    await check(contacts, "GET", "/api/contacts", "/api/contacts?limit=3");
    await check(lines, "GET", "/api/lines", "/api/lines");
    await check(search, "GET", "/api/search", "/api/search?q=photo");
    const events = await check(webhookEvents, "GET", "/api/webhook-events", "/api/webhook-events?limit=2");
    const eventId = String(events.body.events[0].id);
    await check(webhookEvent, "GET", "/api/webhook-events/{id}", `/api/webhook-events/${eventId}`, { id: eventId });
    await check(health, "GET", "/api/health", "/api/health");
    await check(version, "GET", "/api/version", "/api/version");
  });

  it("errors in the one error shape, as documented", async () => {
    await check(conversation, "GET", "/api/conversations/{id}", "/api/conversations/999999999", { id: "999999999" });
    const bad = await check(conversations, "GET", "/api/conversations", "/api/conversations?limit=0");
    expect(bad.status).toBe(400);
  });

  it("the validator catches an answer the document does not allow", () => {
    expect(responseErrors("GET", "/api/version", 200, { name: "x" })).not.toEqual([]);
    expect(responseErrors("GET", "/api/conversations", 200, { conversations: [] })).not.toEqual([]);
  });

  it("incoming webhook acknowledgements", async () => {
    const res = await callWebhook("receive", receiveBody());
    expect(responseErrors("POST", "/api/webhooks/receive", res.status, res.body)).toEqual([]);
  });
});

describe("integrations answers match the OpenAPI document", () => {
  it("create, list, the delivery log and disable", async () => {
    const owner = await testDb().user.create({
      data: { email: `oa-${Math.random()}@example.com`, passwordHash: "x", role: "owner" },
    });
    const { token } = await createSession(testDb(), owner.id);
    const as = { cookie: token, headers: SAME_ORIGIN };
    const created = await call(createEndpoint as never, {
      ...as,
      method: "POST",
      body: { url: "https://hooks.example.com/inbox", events: ["message.received"] },
    });
    expect(responseErrors("POST", "/api/integrations/endpoints", created.status, created.body)).toEqual([]);
    expect(created.body.secret).toMatch(/^whsec_/);
    const id = String(created.body.endpoint.id);
    const list = await call(listEndpoints as never, as);
    expect(responseErrors("GET", "/api/integrations/endpoints", list.status, list.body)).toEqual([]);
    const log = await call(listDeliveries as never, { ...as, params: { id } });
    expect(responseErrors("GET", "/api/integrations/endpoints/{id}/deliveries", log.status, log.body)).toEqual([]);
    const off = await call(updateEndpoint as never, {
      ...as,
      method: "PATCH",
      params: { id },
      body: { enabled: false },
    });
    expect(responseErrors("PATCH", "/api/integrations/endpoints/{id}", off.status, off.body)).toEqual([]);
    const gone = await call(removeEndpoint as never, { ...as, method: "DELETE", params: { id } });
    expect(responseErrors("DELETE", "/api/integrations/endpoints/{id}", gone.status, gone.body)).toEqual([]);
  });
});
