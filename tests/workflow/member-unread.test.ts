import { describe, expect, it } from "vitest";
import { POST as readPost } from "@/app/api/conversations/[id]/read/route";
import { GET as oneGet } from "@/app/api/conversations/[id]/route";
import { POST as unreadPost } from "@/app/api/conversations/[id]/unread/route";
import { POST as bulkPost } from "@/app/api/conversations/bulk/route";
import { GET as listGet } from "@/app/api/conversations/route";
import { testDb } from "../support/db";
import { as, inbound, newConversation, newMember, type Member } from "./workflow-support";

// Each member has their own read position: one member reading does not clear another's
// badge; "Mark as unread" is the member's own; the Unread filter is theirs.

const db = testDb();

async function unreadIds(member: Member): Promise<number[]> {
  const res = await (listGet as any)(
    new Request("http://inbox.test/api/conversations?unread=true&limit=200", {
      headers: { authorization: `Bearer ${member.token}` },
    }),
    { params: Promise.resolve({}) },
  );
  return (await res.json()).conversations.map((c: { id: number }) => c.id);
}

const unreadOf = async (member: Member, id: number) =>
  (await as(member, oneGet, { params: { id: String(id) } })).body.unreadCount;

describe("per-member unread", () => {
  it("counts new messages per member, and reading clears only the reader's", async () => {
    const [ada, bo] = [await newMember("Ada"), await newMember("Bo")];
    const { id, number } = await newConversation();
    await inbound(number);
    expect([await unreadOf(ada, id), await unreadOf(bo, id)]).toEqual([2, 2]);
    expect((await as(ada, readPost, { method: "POST", params: { id: String(id) } })).status).toBe(200);
    expect([await unreadOf(ada, id), await unreadOf(bo, id)]).toEqual([0, 2]);
    expect(await unreadIds(ada)).not.toContain(id);
    expect(await unreadIds(bo)).toContain(id);
    await inbound(number, new Date(Date.now() + 1000));
    expect([await unreadOf(ada, id), await unreadOf(bo, id)]).toEqual([1, 3]);
  });

  it("mark as unread is the member's own, shows in their Unread filter and the trail", async () => {
    const [ada, bo] = [await newMember("Ada"), await newMember("Bo")];
    const { id } = await newConversation();
    await as(ada, readPost, { method: "POST", params: { id: String(id) } });
    await as(bo, readPost, { method: "POST", params: { id: String(id) } });
    expect((await as(ada, unreadPost, { method: "POST", params: { id: String(id) } })).status).toBe(200);
    expect([await unreadOf(ada, id), await unreadOf(bo, id)]).toEqual([1, 0]);
    expect(await unreadIds(ada)).toContain(id);
    expect(await unreadIds(bo)).not.toContain(id);
    const last = await db.conversationActivity.findFirstOrThrow({
      where: { conversationId: id },
      orderBy: { id: "desc" },
    });
    expect([last.kind, last.actorName]).toEqual(["unread", "Ada"]);
    // Opening it again clears the mark.
    await as(ada, readPost, { method: "POST", params: { id: String(id) } });
    expect(await unreadOf(ada, id)).toBe(0);
  });

  it("the Unread filter reads the newest inbound time, which a late older message never moves back", async () => {
    const ada = await newMember();
    const at = new Date(Date.now() - 60_000);
    const { id, number } = await newConversation(at);
    const lastInbound = async () =>
      (await db.conversation.findUniqueOrThrow({ where: { id }, select: { lastInboundAt: true } })).lastInboundAt;
    expect(await lastInbound()).toEqual(at);
    await as(ada, readPost, { method: "POST", params: { id: String(id) } });
    // Sendblue retries a webhook from an hour ago: the newest stays, and nothing turns unread.
    await inbound(number, new Date(at.getTime() - 3_600_000));
    expect(await lastInbound()).toEqual(at);
    expect(await unreadIds(ada)).not.toContain(id);
    const later = new Date();
    await inbound(number, later);
    expect(await lastInbound()).toEqual(later);
    expect(await unreadIds(ada)).toContain(id);
  });

  it("reading clears a message dated in the future (a phone with a wrong clock)", async () => {
    const ada = await newMember();
    const { id, number } = await newConversation(new Date(Date.now() - 60_000));
    await inbound(number, new Date(Date.now() + 86_400_000));
    expect(await unreadOf(ada, id)).toBe(2);
    await as(ada, readPost, { method: "POST", params: { id: String(id) } });
    expect(await unreadOf(ada, id)).toBe(0);
    expect(await unreadIds(ada)).not.toContain(id);
    // Back to the past, so a shared test database does not list it first all day.
    await db.$executeRaw`UPDATE messages SET sent_at = now() - interval '1 day' WHERE conversation_id = ${id}`;
    await db.$executeRaw`UPDATE conversations SET last_message_at = now() - interval '1 day', last_activity_at = now() - interval '1 day',
      last_inbound_at = now() - interval '1 day' WHERE id = ${id}`;
  });

  it("the automation token's read clears a future-dated message for members who never opened it", async () => {
    const ada = await newMember();
    const { id, number } = await newConversation(new Date(Date.now() - 60_000));
    await inbound(number, new Date(Date.now() + 86_400_000));
    expect(await unreadOf(ada, id)).toBe(2);
    expect((await as(null, readPost, { method: "POST", params: { id: String(id) } })).status).toBe(200);
    expect(await unreadOf(ada, id)).toBe(0);
    expect(await unreadIds(ada)).not.toContain(id);
    await db.$executeRaw`UPDATE messages SET sent_at = now() - interval '1 day' WHERE conversation_id = ${id}`;
    await db.$executeRaw`UPDATE conversations SET last_message_at = now() - interval '1 day', last_activity_at = now() - interval '1 day',
      last_inbound_at = now() - interval '1 day' WHERE id = ${id}`;
  });

  it("an upgrade's rows (last_inbound_at not known yet) are filled by the backfill task or by their next message", async () => {
    const ada = await newMember();
    const at = new Date(Date.now() - 60_000);
    const { id, number } = await newConversation(at);
    const lastInbound = async () =>
      (await db.conversation.findUniqueOrThrow({ where: { id }, select: { lastInboundAt: true } })).lastInboundAt;
    const forget = () => db.$executeRaw`UPDATE conversations SET last_inbound_at = NULL WHERE id = ${id}`;
    await forget();
    // Still counted while unknown.
    expect(await unreadOf(ada, id)).toBe(1);
    // The background task's own statement, over this row's id range.
    const [task] = await db.$queryRaw<
      { statement: string }[]
    >`SELECT statement FROM background_tasks WHERE name = 'conversation_last_inbound_backfill'`;
    expect(await db.$executeRawUnsafe(task!.statement, id - 1, id)).toBe(1);
    expect(await lastInbound()).toEqual(at);
    // A late, older message reaching an unknown row reads the row's messages, not just itself.
    await forget();
    await inbound(number, new Date(at.getTime() - 3_600_000));
    expect(await lastInbound()).toEqual(at);
  });

  it("imported history (the sync's quiet mode) stays read for every member", async () => {
    const ada = await newMember();
    const id = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('inbox.sync_quiet', 'on', true)`;
      const rows = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO conversations (key, kind) VALUES (${`import-${Date.now()}-${Math.random()}`}, 'direct') RETURNING id`;
      await tx.$executeRaw`
        INSERT INTO messages (handle, conversation_id, direction, content, status, sent_at)
        VALUES (${`imported-${rows[0]!.id}`}, ${rows[0]!.id}, 'inbound', 'old news', 'RECEIVED', now() - interval '30 days')`;
      return rows[0]!.id;
    });
    expect(await unreadOf(ada, id)).toBe(0);
    expect(await unreadIds(ada)).not.toContain(id);
  });

  it("bulk unread marks a selection; the shared automation token cannot (it is no member)", async () => {
    const ada = await newMember();
    const ids = [(await newConversation()).id, (await newConversation()).id];
    for (const id of ids) await as(ada, readPost, { method: "POST", params: { id: String(id) } });
    expect((await as(ada, bulkPost, { method: "POST", body: { ids, action: "unread" } })).body.changed.sort()).toEqual(
      [...ids].sort(),
    );
    expect(await Promise.all(ids.map((id) => unreadOf(ada, id)))).toEqual([1, 1]);
    expect((await as(null, bulkPost, { method: "POST", body: { ids, action: "unread" } })).status).toBe(403);
  });
});
