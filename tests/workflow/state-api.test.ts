import { describe, expect, it } from "vitest";
import { GET as activityGet } from "@/app/api/conversations/[id]/activity/route";
import { GET as oneGet, PATCH } from "@/app/api/conversations/[id]/route";
import { POST as bulkPost } from "@/app/api/conversations/bulk/route";
import { GET as listGet } from "@/app/api/conversations/route";
import { GET as tabsGet } from "@/app/api/conversations/tabs/route";
import { testDb } from "../support/db";
import { as, inbound, newConversation, newMember } from "./workflow-support";

// PATCH /api/conversations/<id>, the bulk route, tabs and the trail (issue 14).

const db = testDb();
const hour = 3_600_000;

describe("conversation state and assignment API", () => {
  it("marks done, snoozes and assigns, each change in the trail with who and what", async () => {
    const ada = await newMember("Ada");
    const bo = await newMember("Bo");
    const { id } = await newConversation();
    const until = new Date(Date.now() + 3 * hour).toISOString();

    expect(
      (await as(ada, PATCH, { method: "PATCH", params: { id: String(id) }, body: { state: "done" } })).body,
    ).toMatchObject({ state: "done" });
    const snoozed = await as(ada, PATCH, {
      method: "PATCH",
      params: { id: String(id) },
      body: { snoozedUntil: until, assigneeId: bo.id },
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body).toEqual({ id, state: "snoozed", snoozedUntil: until, assigneeId: bo.id });

    const view = (await as(bo, oneGet, { params: { id: String(id) } })).body;
    expect(view).toMatchObject({ state: "snoozed", snoozedUntil: until, assignee: { id: bo.id, name: "Bo" } });

    const trail = (await as(bo, activityGet, { params: { id: String(id) } })).body.activity;
    expect(trail.map((a: any) => [a.kind, a.actor?.name, a.data.to])).toEqual([
      ["state", "Ada", "done"],
      ["state", "Ada", "snoozed"],
      ["assignment", "Ada", bo.id],
    ]);
    expect(trail[2].data.toName).toBe("Bo");
  });

  it("answers 400 naming the field: unknown member, snooze in the past, bad state", async () => {
    const ada = await newMember();
    const { id } = await newConversation();
    const patch = (body: unknown) => as(ada, PATCH, { method: "PATCH", params: { id: String(id) }, body });
    const unknown = await patch({ assigneeId: 999_999_999 });
    expect([unknown.status, unknown.body.error.message]).toEqual([400, expect.stringMatching(/^assigneeId: /)]);
    const past = await patch({ state: "snoozed", snoozedUntil: new Date(Date.now() - 60_000).toISOString() });
    expect([past.status, past.body.error.message]).toEqual([400, expect.stringMatching(/^snoozedUntil: /)]);
    const noTime = await patch({ state: "snoozed" });
    expect([noTime.status, noTime.body.error.message]).toEqual([400, expect.stringMatching(/^snoozedUntil: /)]);
    const bad = await patch({ state: "archived" });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringMatching(/^state: /)]);
    expect((await db.conversation.findUniqueOrThrow({ where: { id } })).state).toBe("open");
  });

  it("two concurrent changes end in one consistent state, last write wins, both in the trail", async () => {
    const [ada, bo] = [await newMember("Ada"), await newMember("Bo")];
    const { id } = await newConversation();
    const results = await Promise.all([
      as(ada, PATCH, { method: "PATCH", params: { id: String(id) }, body: { assigneeId: ada.id, state: "done" } }),
      as(bo, PATCH, { method: "PATCH", params: { id: String(id) }, body: { assigneeId: bo.id, state: "open" } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const trail = await db.conversationActivity.findMany({
      where: { conversationId: id, kind: "assignment" },
      orderBy: { id: "asc" },
    });
    expect(trail.map((t) => t.actorName).sort()).toEqual(["Ada", "Bo"]);
    // The last writer's values are what the row holds, and its trail line starts from the first's.
    const last = trail[1]!;
    const row = await db.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.assigneeId).toBe((last.data as any).to);
    expect((last.data as any).from).toBe((trail[0]!.data as any).to);
    expect(row.state).toBe(last.actorName === "Ada" ? "done" : "open");
  });

  it("a new inbound message reopens a done conversation; an older imported one does not", async () => {
    const ada = await newMember();
    const { id, number } = await newConversation(new Date(Date.now() - 2 * hour));
    await as(ada, PATCH, { method: "PATCH", params: { id: String(id) }, body: { state: "done" } });
    await inbound(number, new Date(Date.now() - hour)); // history arriving late
    expect((await db.conversation.findUniqueOrThrow({ where: { id } })).state).toBe("done");
    await inbound(number);
    expect((await db.conversation.findUniqueOrThrow({ where: { id } })).state).toBe("open");
    const last = await db.conversationActivity.findFirstOrThrow({
      where: { conversationId: id },
      orderBy: { id: "desc" },
    });
    expect([last.kind, last.actorId, last.data]).toEqual([
      "state",
      null,
      { from: "done", to: "open", reason: "new_message" },
    ]);
  });

  it("lists by tab, keyset-paged, with counts that follow the changes", async () => {
    const ada = await newMember();
    const before = (await as(ada, tabsGet)).body;
    const convs = [await newConversation(), await newConversation(), await newConversation()];
    await as(ada, bulkPost, {
      method: "POST",
      body: { ids: convs.map((c) => c.id), action: "assign", assigneeId: ada.id },
    });
    await as(ada, PATCH, { method: "PATCH", params: { id: String(convs[0]!.id) }, body: { state: "done" } });

    const mine = await as(ada, listGet, { params: {} }); // default tab is all: the API as before
    expect(mine.status).toBe(200);
    const page = async (query: string) => {
      const res = await (listGet as any)(
        new Request(`http://inbox.test/api/conversations?${query}`, {
          headers: { authorization: `Bearer ${ada.token}` },
        }),
        { params: Promise.resolve({}) },
      );
      return (await res.json()) as { conversations: { id: number }[]; nextCursor: string | null };
    };
    const first = await page("tab=mine&limit=1");
    const second = await page(`tab=mine&limit=1&cursor=${first.nextCursor}`);
    expect([...first.conversations, ...second.conversations].map((c) => c.id)).toEqual([convs[2]!.id, convs[1]!.id]);
    expect(second.nextCursor).toBeNull();
    expect((await page("tab=done&limit=200")).conversations.map((c) => c.id)).toContain(convs[0]!.id);
    expect((await page("tab=unassigned&limit=200")).conversations.map((c) => c.id)).not.toContain(convs[1]!.id);

    const after = (await as(ada, tabsGet)).body;
    expect(after.mine).toBe(2);
    expect(after.done - before.done).toBe(1);
    expect(after.all - before.all).toBe(3);
  });

  it("a disabled member's conversations show as unassigned", async () => {
    const [ada, bo] = [await newMember(), await newMember("Bo")];
    const { id } = await newConversation();
    await as(ada, PATCH, { method: "PATCH", params: { id: String(id) }, body: { assigneeId: bo.id } });
    await db.user.update({ where: { id: bo.id }, data: { disabledAt: new Date() } });
    expect((await as(ada, oneGet, { params: { id: String(id) } })).body.assignee).toBeNull();
    const res = await (listGet as any)(
      new Request(`http://inbox.test/api/conversations?tab=unassigned&limit=200`, {
        headers: { authorization: `Bearer ${ada.token}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect((await res.json()).conversations.map((c: any) => c.id)).toContain(id);
  });
});
