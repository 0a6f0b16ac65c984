import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/conversations/[id]/route";
import { GET as searchGet } from "@/app/api/search/route";
import { takeWorkflowFilters } from "@/lib/search/workflow-filters";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";
import { as, newMember, type Member } from "./workflow-support";

// Search filters state: and assignee: (me, none, email, name).

async function conversationSaying(word: string): Promise<number> {
  const body = receiveBody({ number: uniqueNumber(), content: `about the ${word} order` });
  expect((await callWebhook("receive", body)).status).toBe(200);
  const { testDb } = await import("../support/db");
  return (await testDb().message.findUniqueOrThrow({ where: { handle: body.message_handle } })).conversationId;
}

async function search(member: Member, q: string) {
  const res = await (searchGet as any)(
    new Request(`http://inbox.test/api/search?q=${encodeURIComponent(q)}`, {
      headers: { authorization: `Bearer ${member.token}` },
    }),
    { params: Promise.resolve({}) },
  );
  const body = await res.json();
  return {
    status: res.status as number,
    body,
    ids: res.ok ? (body.results as { conversation: { id: number } }[]).map((r) => r.conversation.id) : [],
  };
}

describe("search workflow filters", () => {
  it("parses state: and assignee: out of the words, quotes allowed", () => {
    expect(takeWorkflowFilters('refund state:done assignee:"Bo Brown" soon')).toEqual({
      q: "refund soon",
      filters: { state: "done", assignee: "Bo Brown" },
    });
  });

  it("filters results by state and by assignee (me, none, email, name)", async () => {
    const word = `zq${randomUUID().slice(0, 8)}`;
    const ada = await newMember("Ada Park");
    const [mine, done, free] = [
      await conversationSaying(word),
      await conversationSaying(word),
      await conversationSaying(word),
    ];
    await as(ada, PATCH, { method: "PATCH", params: { id: String(mine) }, body: { assigneeId: ada.id } });
    await as(ada, PATCH, { method: "PATCH", params: { id: String(done) }, body: { state: "done" } });
    // Unassigned even if auto-assign (auto-assign.test.ts opts members in for a moment) took it.
    await as(ada, PATCH, { method: "PATCH", params: { id: String(free) }, body: { assigneeId: null } });

    expect((await search(ada, word)).ids.sort()).toEqual([mine, done, free].sort());
    expect((await search(ada, `${word} state:done`)).ids).toEqual([done]);
    expect((await search(ada, `${word} assignee:me`)).ids).toEqual([mine]);
    expect((await search(ada, `${word} assignee:"ada park"`)).ids).toEqual([mine]);
    expect((await search(ada, `${word} assignee:Ada`)).ids).toEqual([mine]);
    expect((await search(ada, `${word} assignee:none state:open`)).ids).toEqual([free]);

    const unknown = await search(ada, `${word} assignee:nobody-here`);
    expect([unknown.status, unknown.body.error.message]).toEqual([400, expect.stringMatching(/^assignee: /)]);
    const badState = await search(ada, `${word} state:archived`);
    expect([badState.status, badState.body.error.message]).toEqual([400, expect.stringMatching(/^state: /)]);
  });
});
