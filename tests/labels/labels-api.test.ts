import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELETE as unlabel } from "@/app/api/conversations/[id]/labels/[labelId]/route";
import { POST as label } from "@/app/api/conversations/[id]/labels/route";
import { GET as listConversationsRoute } from "@/app/api/conversations/route";
import { DELETE as deleteLabelRoute, PATCH as patchLabel } from "@/app/api/labels/[labelId]/route";
import { GET as listLabelsRoute, POST as createLabelRoute } from "@/app/api/labels/route";
import { GET as searchGet } from "@/app/api/search/route";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { newConversation, newMember } from "../support/members";
import { call } from "../support/route-call";
import { callWebhook, receiveBody } from "../support/webhooks";

// Labels over the API: team-wide CRUD with a fixed palette, put on and taken off
// conversations idempotently with an activity line per real change, shown on list rows,
// and used to filter the list (?label=) and search (label:<name>).

const auto = env().INBOX_API_TOKEN!;
const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;
const create = (bearer: string, body: unknown) => call(createLabelRoute, { method: "POST", bearer, body });
const get = async (handler: typeof listConversationsRoute, path: string) => {
  const res = await handler(new Request(`http://inbox.test${path}`, { headers: { authorization: `Bearer ${auto}` } }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe("labels API", () => {
  it("creates, renames, recolours and deletes labels; names are unique in any case; colours come from the palette", async () => {
    const name = unique("Billing");
    const made = await create(auto, { name: `  ${name} `, color: "blue" });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.any(Number), name, color: "blue" });
    const dup = await create(auto, { name: name.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/^name:/);
    const badColour = await create(auto, { name: unique("x"), color: "#ff0000" });
    expect(badColour.status).toBe(400);
    expect(badColour.body.error.message).toMatch(/^color:/);
    expect((await create(auto, { name: "   " })).body.error.message).toMatch(/^name:/);
    expect((await create(auto, { name: "x".repeat(41) })).body.error.message).toMatch(/^name:.*40/);

    const params = { labelId: String(made.body.id) };
    const renamed = await call(patchLabel, {
      method: "PATCH",
      bearer: auto,
      params,
      body: { name: `${name} VIP`, color: "purple" },
    });
    expect(renamed.body).toEqual({ id: made.body.id, name: `${name} VIP`, color: "purple" });
    expect((await call(patchLabel, { method: "PATCH", bearer: auto, params, body: {} })).status).toBe(400);
    const listed = await call(listLabelsRoute, { bearer: auto });
    expect(listed.body.labels).toContainEqual({
      id: made.body.id,
      name: `${name} VIP`,
      color: "purple",
      conversations: 0,
    });

    const res = await deleteLabelRoute(
      new Request("http://inbox.test/x", { method: "DELETE", headers: { authorization: `Bearer ${auto}` } }),
      { params: Promise.resolve(params) },
    );
    expect(res.status).toBe(204);
    expect((await call(patchLabel, { method: "PATCH", bearer: auto, params, body: { color: "red" } })).status).toBe(
      404,
    );
  });

  it("puts labels on a conversation and takes them off, once each, with who did it in the activity trail", async () => {
    const ada = await newMember("Ada");
    const { id } = await newConversation();
    const vip = (await create(auto, { name: unique("VIP"), color: "yellow" })).body;
    const params = { id: String(id) };

    const first = await call(label, { method: "POST", bearer: ada.token, params, body: { labelId: vip.id } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ label: vip, changed: true });
    const again = await call(label, {
      method: "POST",
      bearer: ada.token,
      params,
      body: { name: vip.name.toLowerCase() },
    });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    const unknown = await call(label, { method: "POST", bearer: ada.token, params, body: { labelId: 2_000_000_000 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^labelId:/);
    expect((await call(label, { method: "POST", bearer: ada.token, params, body: {} })).status).toBe(400);

    const removeParams = { id: String(id), labelId: String(vip.id) };
    expect((await call(unlabel, { method: "DELETE", bearer: ada.token, params: removeParams })).body).toEqual({
      changed: true,
    });
    expect((await call(unlabel, { method: "DELETE", bearer: ada.token, params: removeParams })).body).toEqual({
      changed: false,
    });

    const trail = await testDb().conversationActivity.findMany({
      where: { conversationId: id, kind: "label" },
      orderBy: { id: "asc" },
    });
    expect(trail.map((a) => [a.actorName, a.data])).toEqual([
      ["Ada", { action: "added", labelId: vip.id, name: vip.name }],
      ["Ada", { action: "removed", labelId: vip.id, name: vip.name }],
    ]);
  });

  it("shows labels on list rows and filters the list by label name", async () => {
    const a = await newConversation();
    const b = await newConversation();
    const urgent = (await create(auto, { name: unique("Urgent"), color: "red" })).body;
    const later = (await create(auto, { name: unique("Later"), color: "gray" })).body;
    await call(label, { method: "POST", bearer: auto, params: { id: String(a.id) }, body: { labelId: urgent.id } });
    await call(label, { method: "POST", bearer: auto, params: { id: String(a.id) }, body: { labelId: later.id } });
    await call(label, { method: "POST", bearer: auto, params: { id: String(b.id) }, body: { labelId: later.id } });

    const urgentOnly = await get(
      listConversationsRoute,
      `/api/conversations?label=${encodeURIComponent(urgent.name.toUpperCase())}`,
    );
    expect(urgentOnly.body.conversations.map((c: { id: number }) => c.id)).toEqual([a.id]);
    expect(urgentOnly.body.conversations[0].labels).toEqual([urgent, later]);
    const laterRows = await get(
      listConversationsRoute,
      `/api/conversations?label=${encodeURIComponent(later.name)}&limit=1`,
    );
    expect(laterRows.body.conversations.map((c: { id: number }) => c.id)).toEqual([b.id]);
    const next = await get(
      listConversationsRoute,
      `/api/conversations?label=${encodeURIComponent(later.name)}&limit=1&cursor=${laterRows.body.nextCursor}`,
    );
    expect(next.body.conversations.map((c: { id: number }) => c.id)).toEqual([a.id]);
    const missing = await get(listConversationsRoute, "/api/conversations?label=no-such-label-here");
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^label:/);

    // Deleting a label takes it off every conversation.
    await deleteLabelRoute(
      new Request("http://inbox.test/x", { method: "DELETE", headers: { authorization: `Bearer ${auto}` } }),
      { params: Promise.resolve({ labelId: String(later.id) }) },
    );
    expect(await testDb().conversationLabel.count({ where: { labelId: later.id } })).toBe(0);
  });

  it("narrows search to conversations with a label: label:<name>", async () => {
    const word = `zl${randomBytes(4).toString("hex")}`;
    const tagged = await newConversation();
    const other = await newConversation();
    for (const c of [tagged, other])
      await callWebhook(
        "receive",
        receiveBody({ number: c.number, sendblue_number: c.line, to_number: c.line, content: `order ${word}` }),
      );
    const refund = (await create(auto, { name: unique("Refund case"), color: "orange" })).body;
    await call(label, {
      method: "POST",
      bearer: auto,
      params: { id: String(tagged.id) },
      body: { labelId: refund.id },
    });

    const all = await get(searchGet, `/api/search?q=${word}`);
    expect(all.body.results).toHaveLength(2);
    const narrowed = await get(searchGet, `/api/search?q=${encodeURIComponent(`label:"${refund.name}" ${word}`)}`);
    expect(narrowed.body.results.map((r: { conversation: { id: number } }) => r.conversation.id)).toEqual([tagged.id]);
    const unknown = await get(searchGet, `/api/search?q=${encodeURIComponent(`label:nope-${word} ${word}`)}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^label:/);
  });
});
