import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as presenceGet, POST as presencePost } from "@/app/api/conversations/[id]/presence/route";
import { DELETE as removeMemberRoute, PATCH as updateMemberRoute } from "@/app/api/members/[id]/route";
import { POST as createMemberRoute } from "@/app/api/members/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { INBOX_CHANNEL, type InboxEvent } from "@/lib/realtime/notify";
import { testDb } from "../support/db";
import { newConversation } from "../support/members";
import { call, randomEmail, SAME_ORIGIN } from "../support/route-call";

// Disabling a member (Settings → Team) must reach other members' open pages at once: a
// "members" event on the live channel makes them refetch the team and the conversations,
// and the disabled member's presence ends with a "presence" event for each thread they had open.

let listener: pg.Client;
const heard: InboxEvent[] = [];
let owner: { id: number; cookie: string };

beforeAll(async () => {
  listener = new pg.Client({ connectionString: env().DATABASE_URL });
  await listener.connect();
  listener.on("notification", (n) => n.payload && heard.push(JSON.parse(n.payload) as InboxEvent));
  await listener.query(`LISTEN ${INBOX_CHANNEL}`);
  const user = await createUser(testDb(), {
    email: randomEmail(),
    password: "correct horse battery",
    name: "Owner",
    role: "owner",
  });
  owner = { id: user.id, cookie: (await createSession(testDb(), user.id)).token };
});

afterAll(async () => {
  await listener?.end();
});

/** Waits for an event matching `match` (NOTIFY is delivered after the statement's commit). */
async function hear(match: (e: InboxEvent) => boolean): Promise<InboxEvent> {
  for (let i = 0; i < 200; i++) {
    const found = heard.find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no such event; heard ${JSON.stringify(heard.slice(-10))}`);
}

describe('the "members" event', () => {
  it("is published when an owner adds, disables, enables and removes a member", async () => {
    const asOwner = { cookie: owner.cookie, headers: SAME_ORIGIN };
    const created = await call(createMemberRoute, {
      method: "POST",
      ...asOwner,
      body: { email: randomEmail(), password: "correct horse battery" },
    });
    expect(created.status).toBe(201);
    const id = created.body.member.id as number;
    expect(await hear((e) => e.type === "members" && e.userId === id)).toEqual({
      type: "members",
      userId: id,
      change: "added",
    });

    const params = { id: String(id) };
    expect(
      (await call(updateMemberRoute, { method: "PATCH", ...asOwner, params, body: { disabled: true } })).status,
    ).toBe(200);
    await hear((e) => e.type === "members" && e.userId === id && e.change === "disabled");
    expect(
      (await call(updateMemberRoute, { method: "PATCH", ...asOwner, params, body: { disabled: false } })).status,
    ).toBe(200);
    await hear((e) => e.type === "members" && e.userId === id && e.change === "enabled");
    expect((await call(removeMemberRoute, { method: "DELETE", ...asOwner, params })).status).toBe(200);
    await hear((e) => e.type === "members" && e.userId === id && e.change === "removed");
  });

  it("comes with the disabled member's presence ending in the threads they had open", async () => {
    const grace = await createUser(testDb(), {
      email: randomEmail(),
      password: "correct horse battery",
      name: "Grace",
    });
    const graceToken = (await createApiToken(testDb(), grace.id, "presence")).token;
    const viewerToken = (await createApiToken(testDb(), owner.id, "presence")).token;
    const { id: conversationId } = await newConversation();
    const params = { id: String(conversationId) };
    expect(
      (await call(presencePost, { method: "POST", bearer: graceToken, params, body: { state: "viewing" } })).status,
    ).toBe(200);
    const present = async () =>
      (await call(presenceGet, { bearer: viewerToken, params })).body.present as { userId: number }[];
    expect((await present()).map((p) => p.userId)).toEqual([grace.id]);

    heard.length = 0;
    const disable = {
      method: "PATCH",
      cookie: owner.cookie,
      headers: SAME_ORIGIN,
      params: { id: String(grace.id) },
      body: { disabled: true },
    };
    expect((await call(updateMemberRoute, disable)).status).toBe(200);
    await hear((e) => e.type === "presence" && e.conversationId === conversationId);
    await hear((e) => e.type === "members" && e.userId === grace.id && e.change === "disabled");
    expect(await present()).toEqual([]);
  });
});
