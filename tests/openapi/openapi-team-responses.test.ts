import { describe, expect, it } from "vitest";
import { PATCH as nameContact } from "@/app/api/contacts/[number]/route";
import { GET as activity } from "@/app/api/conversations/[id]/activity/route";
import { DELETE as unlabel } from "@/app/api/conversations/[id]/labels/[labelId]/route";
import { POST as label } from "@/app/api/conversations/[id]/labels/route";
import { GET as listNotes, POST as writeNote } from "@/app/api/conversations/[id]/notes/route";
import { GET as presence, POST as heartbeat } from "@/app/api/conversations/[id]/presence/route";
import { PATCH as changeConversation } from "@/app/api/conversations/[id]/route";
import { POST as markUnread } from "@/app/api/conversations/[id]/unread/route";
import { POST as bulk } from "@/app/api/conversations/bulk/route";
import { GET as tabs } from "@/app/api/conversations/tabs/route";
import { POST as wake } from "@/app/api/conversations/wake/route";
import { DELETE as deleteLabel, PATCH as updateLabel } from "@/app/api/labels/[labelId]/route";
import { GET as listLabels, POST as createLabel } from "@/app/api/labels/route";
import { PATCH as nameLine } from "@/app/api/lines/[id]/route";
import { PATCH as updateMe } from "@/app/api/me/route";
import { POST as readMentions } from "@/app/api/mentions/read/route";
import { GET as mentions } from "@/app/api/mentions/route";
import { PATCH as updateReply } from "@/app/api/saved-replies/[replyId]/route";
import { GET as listReplies, POST as createReply } from "@/app/api/saved-replies/route";
import { createSession } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { responseErrors } from "../support/openapi";
import { call, randomEmail, SAME_ORIGIN, type CallInit, type Handler } from "../support/route-call";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// Real answers of the workflow and team routes (issue 14 and its neighbours), validated
// against the schemas the OpenAPI document publishes for them.

async function member() {
  const user = await testDb().user.create({ data: { email: randomEmail(), passwordHash: "x", name: "Ada" } });
  const { token } = await createSession(testDb(), user.id);
  return { id: user.id, as: { cookie: token, headers: SAME_ORIGIN } satisfies CallInit };
}

/** Calls the route and expects its answer to match the document; returns the body. */
async function documented(handler: Handler, method: string, apiPath: string, init: CallInit, status?: number) {
  const res = await call(handler, { ...init, method });
  expect(
    responseErrors(method, apiPath, res.status, res.body),
    `${method} ${apiPath} → ${res.status} ${JSON.stringify(res.body)}`,
  ).toEqual([]);
  if (status !== undefined) expect(res.status, `${method} ${apiPath}`).toBe(status);
  return res.body;
}

async function conversation() {
  const number = uniqueNumber();
  const line = uniqueNumber();
  await callWebhook("receive", receiveBody({ number, sendblue_number: line, to_number: line }));
  const conv = await testDb().conversation.findFirstOrThrow({ where: { contactNumber: number } });
  const { id: lineId } = await testDb().line.findUniqueOrThrow({ where: { number: line }, select: { id: true } });
  return { id: String(conv.id), number, lineId: String(lineId) };
}

describe("workflow answers match the OpenAPI document", () => {
  it("state, bulk, unread, tabs, the trail and the waker", async () => {
    const { as, id: me } = await member();
    const conv = await conversation();
    const params = { id: conv.id };
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const changed = await documented(
      changeConversation,
      "PATCH",
      "/api/conversations/{id}",
      { ...as, params, body: { state: "snoozed", snoozedUntil: until, assigneeId: me } },
      200,
    );
    expect(changed).toMatchObject({ id: Number(conv.id), state: "snoozed", assigneeId: me });
    await documented(
      changeConversation,
      "PATCH",
      "/api/conversations/{id}",
      { ...as, params: { id: "999999999" }, body: { state: "done" } },
      404,
    );
    const done = await documented(
      bulk,
      "POST",
      "/api/conversations/bulk",
      { ...as, body: { ids: [Number(conv.id)], action: "done" } },
      200,
    );
    expect(done.changed).toEqual([Number(conv.id)]);
    await documented(markUnread, "POST", "/api/conversations/{id}/unread", { ...as, params }, 200);
    await documented(
      markUnread,
      "POST",
      "/api/conversations/{id}/unread",
      { bearer: env().INBOX_API_TOKEN, params },
      403,
    );
    const counts = await documented(tabs, "GET", "/api/conversations/tabs", as, 200);
    expect(counts.all).toBeGreaterThanOrEqual(1);
    const trail = await documented(activity, "GET", "/api/conversations/{id}/activity", { ...as, params }, 200);
    expect(trail.activity.map((a: { kind: string }) => a.kind)).toEqual(
      expect.arrayContaining(["state", "assignment", "unread"]),
    );
    await documented(wake, "POST", "/api/conversations/wake", { bearer: env().INBOX_API_TOKEN }, 200);
    await documented(wake, "POST", "/api/conversations/wake", {}, 401);
  });
});

describe("team answers match the OpenAPI document", () => {
  it("labels, notes and mentions, saved replies, presence, naming and preferences", async () => {
    const { as } = await member();
    const other = await member();
    const conv = await conversation();
    const params = { id: conv.id };

    const created = await documented(
      createLabel,
      "POST",
      "/api/labels",
      { ...as, body: { name: `oa ${Math.random()}`, color: "teal" } },
      201,
    );
    const labelId = String(created.id);
    await documented(createLabel, "POST", "/api/labels", { ...as, body: { name: created.name } }, 409);
    await documented(
      updateLabel,
      "PATCH",
      "/api/labels/{labelId}",
      { ...as, params: { labelId }, body: { color: "red" } },
      200,
    );
    await documented(
      label,
      "POST",
      "/api/conversations/{id}/labels",
      { ...as, params, body: { labelId: Number(labelId) } },
      201,
    );
    await documented(
      label,
      "POST",
      "/api/conversations/{id}/labels",
      { ...as, params, body: { labelId: Number(labelId) } },
      200,
    );
    await documented(listLabels, "GET", "/api/labels", as, 200);
    await documented(
      unlabel,
      "DELETE",
      "/api/conversations/{id}/labels/{labelId}",
      { ...as, params: { ...params, labelId } },
      200,
    );
    const removed = await deleteLabel(
      new Request("http://inbox.test/api/x", {
        method: "DELETE",
        headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` },
      }),
      { params: Promise.resolve({ labelId }) },
    );
    expect(removed.status).toBe(204);
    await documented(
      updateLabel,
      "PATCH",
      "/api/labels/{labelId}",
      { ...as, params: { labelId }, body: { color: "red" } },
      404,
    );

    const note = await documented(
      writeNote,
      "POST",
      "/api/conversations/{id}/notes",
      { ...as, params, body: { body: "for you", mentions: [other.id] } },
      201,
    );
    expect(note.mentions).toEqual([other.id]);
    await documented(listNotes, "GET", "/api/conversations/{id}/notes", { ...as, params }, 200);
    const inbox = await documented(mentions, "GET", "/api/mentions", other.as, 200);
    expect(inbox.mentions[0]).toMatchObject({ noteId: note.id, readAt: null });
    await documented(readMentions, "POST", "/api/mentions/read", { ...other.as, body: { all: true } }, 200);
    await documented(mentions, "GET", "/api/mentions", { bearer: env().INBOX_API_TOKEN }, 403);

    const reply = await documented(
      createReply,
      "POST",
      "/api/saved-replies",
      { ...as, body: { name: `oa ${Math.random()}`, body: "Hi {{first_name}}" } },
      201,
    );
    await documented(
      updateReply,
      "PATCH",
      "/api/saved-replies/{replyId}",
      { ...as, params: { replyId: String(reply.id) }, body: { body: "Hello" } },
      200,
    );
    await documented(listReplies, "GET", "/api/saved-replies", as, 200);

    await documented(
      heartbeat,
      "POST",
      "/api/conversations/{id}/presence",
      { ...other.as, params, body: { state: "replying" } },
      200,
    );
    const present = await documented(presence, "GET", "/api/conversations/{id}/presence", { ...as, params }, 200);
    expect(present.present).toEqual([expect.objectContaining({ userId: other.id, state: "replying" })]);

    await documented(
      nameContact,
      "PATCH",
      "/api/contacts/{number}",
      { ...as, params: { number: encodeURIComponent(conv.number) }, body: { firstName: "Grace" } },
      200,
    );
    await documented(
      nameLine,
      "PATCH",
      "/api/lines/{id}",
      { ...as, params: { id: conv.lineId }, body: { name: "Support" } },
      200,
    );
    const prefs = await documented(updateMe, "PATCH", "/api/me", { ...as, body: { autoAssign: false } }, 200);
    expect(prefs).toEqual({ autoAssign: false });
  });
});
