import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/users";
import { testDb } from "../support/db";
import { call, type Handler } from "../support/route-call";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// Members with personal API tokens and conversations made by real webhooks, for the
// workflow API tests (issue 14).

export type Member = { id: number; name: string; token: string };

export async function newMember(name = "Member"): Promise<Member> {
  const db = testDb();
  const user = await createUser(db, {
    email: `wf-${randomUUID()}@example.com`,
    password: "long enough password",
    name,
  });
  return { id: user.id, name, token: (await createApiToken(db, user.id, "workflow")).token };
}

/** A conversation with one inbound message from a new number; returns its id and number. */
export async function newConversation(at = new Date()): Promise<{ id: number; number: string }> {
  const number = uniqueNumber();
  const body = receiveBody({ number, date_sent: at.toISOString() });
  expect((await callWebhook("receive", body)).status).toBe(200);
  const m = await testDb().message.findUniqueOrThrow({
    where: { handle: body.message_handle },
    select: { conversationId: true },
  });
  return { id: m.conversationId, number };
}

/** A further inbound message in the conversation with `number`, sent at `at`. */
export async function inbound(number: string, at = new Date()) {
  expect((await callWebhook("receive", receiveBody({ number, date_sent: at.toISOString() }))).status).toBe(200);
}

export function as(
  member: Member | null,
  handler: Handler,
  init: { method?: string; body?: unknown; params?: object } = {},
) {
  return call(handler, { ...init, bearer: member?.token ?? process.env.INBOX_API_TOKEN });
}
