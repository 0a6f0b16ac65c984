import { describe, expect, it } from "vitest";
import { POST as readPost } from "@/app/api/conversations/[id]/read/route";
import { POST as unreadPost } from "@/app/api/conversations/[id]/unread/route";
import { GET as listGet } from "@/app/api/conversations/route";
import { testDb } from "../support/db";
import { as, inbound, newConversation, newMember, type Member } from "./workflow-support";

// member_unreads (migration 20261206200000): one row per conversation a member has unread,
// with copies of its state and last activity, kept by triggers. Whatever writes arrive, in
// whatever order or at the same time, the table must hold exactly what the rule gives
// (marked unread, or an inbound message after the member's own read position or else the
// shared one): each test compares the two for its own members and conversations.

const db = testDb();

type Row = { conversation_id: number; user_id: number; state: string; last_activity_at: Date };

/** The rule, computed from scratch (the readers' fallback before the backfill, member-reads.ts). */
async function byRule(conversations: number[], users: number[]): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT c.id AS conversation_id, u.id AS user_id, c.state::text AS state, c.last_activity_at
    FROM conversations c CROSS JOIN users u
    LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = u.id
    WHERE c.id = ANY(${conversations}) AND u.id = ANY(${users})
      AND (coalesce(r.marked_unread, false) OR c.last_inbound_at > coalesce(r.read_at, c.last_read_at, '-infinity'))
    ORDER BY 1, 2`;
}

async function kept(conversations: number[], users: number[]): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT conversation_id, user_id, state::text AS state, last_activity_at FROM member_unreads
    WHERE conversation_id = ANY(${conversations}) AND user_id = ANY(${users})
    ORDER BY 1, 2`;
}

async function expectKeptByRule(conversations: number[], members: Member[]) {
  const users = members.map((m) => m.id);
  expect(await kept(conversations, users)).toEqual(await byRule(conversations, users));
}

const read = (member: Member | null, id: number) =>
  as(member, readPost, { method: "POST", params: { id: String(id) } });
const markUnread = (member: Member, id: number) =>
  as(member, unreadPost, { method: "POST", params: { id: String(id) } });

async function unreadIds(member: Member, tab: string): Promise<number[]> {
  const res = await (listGet as any)(
    new Request(`http://inbox.test/api/conversations?unread=true&tab=${tab}&limit=200`, {
      headers: { authorization: `Bearer ${member.token}` },
    }),
    { params: Promise.resolve({}) },
  );
  return (await res.json()).conversations.map((c: { id: number }) => c.id);
}

describe("member_unreads", () => {
  it("follows messages, reads, marks, the shared read, state and activity, as the rule says", async () => {
    const [ada, bo] = [await newMember("Ada"), await newMember("Bo")];
    const a = await newConversation(new Date(Date.now() - 120_000));
    const b = await newConversation(new Date(Date.now() - 60_000));
    const ids = [a.id, b.id];
    const check = () => expectKeptByRule(ids, [ada, bo]);
    // New inbound messages: unread for both.
    expect((await kept(ids, [ada.id, bo.id])).length).toBe(4);
    await check();
    await read(ada, a.id);
    await check();
    await markUnread(bo, b.id);
    await read(bo, b.id);
    await markUnread(ada, a.id);
    await check();
    await inbound(a.number);
    await check();
    // State and last activity are copied into the rows, which the Unread pages walk.
    await db.conversation.update({ where: { id: a.id }, data: { state: "done" } });
    await db.conversation.update({ where: { id: b.id }, data: { lastActivityAt: new Date(Date.now() - 30_000) } });
    await check();
    expect(await unreadIds(ada, "done")).toContain(a.id);
    expect(await unreadIds(ada, "open")).not.toContain(a.id);
    // The automation token's read moves the shared position, for members who never opened it.
    await read(null, b.id);
    await check();
    expect(await unreadIds(ada, "all")).not.toContain(b.id);
    // A member added now reads from the shared position everywhere.
    const cy = await newMember("Cy");
    await expectKeptByRule(ids, [ada, bo, cy]);
    expect((await kept(ids, [cy.id])).map((r) => r.conversation_id)).toEqual([a.id]);
  });

  it("the automation token's read clears a future-dated message (greatest(now(), last_inbound_at))", async () => {
    const ada = await newMember();
    const { id, number } = await newConversation(new Date(Date.now() - 60_000));
    await inbound(number, new Date(Date.now() + 86_400_000));
    expect((await kept([id], [ada.id])).length).toBe(1);
    await read(null, id);
    expect(await kept([id], [ada.id])).toEqual([]);
    await expectKeptByRule([id], [ada]);
    // Back to the past, so a shared test database does not list it first all day.
    await db.$executeRaw`UPDATE messages SET sent_at = now() - interval '1 day' WHERE conversation_id = ${id}`;
    await db.$executeRaw`UPDATE conversations SET last_message_at = now() - interval '1 day',
      last_activity_at = now() - interval '1 day', last_inbound_at = now() - interval '1 day' WHERE id = ${id}`;
    await expectKeptByRule([id], [ada]);
  });

  it("imported history stays read; a deleted member leaves no row", async () => {
    const ada = await newMember();
    const id = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('inbox.sync_quiet', 'on', true)`;
      const [row] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO conversations (key, kind) VALUES (${`import-${Date.now()}-${Math.random()}`}, 'direct') RETURNING id`;
      await tx.$executeRaw`
        INSERT INTO messages (handle, conversation_id, direction, content, status, sent_at)
        VALUES (${`imported-${row!.id}`}, ${row!.id}, 'inbound', 'old news', 'RECEIVED', now() - interval '30 days')`;
      return row!.id;
    });
    expect(await kept([id], [ada.id])).toEqual([]);
    await expectKeptByRule([id], [ada]);
    const other = await newConversation();
    const bo = await newMember();
    expect((await kept([other.id], [bo.id])).length).toBe(1);
    await db.user.delete({ where: { id: bo.id } });
    expect(await db.$queryRaw`SELECT 1 FROM member_unreads WHERE user_id = ${bo.id}`).toEqual([]);
  });

  it("holds under concurrent messages, reads, marks and a member joining", async () => {
    const [ada, bo] = [await newMember("Ada"), await newMember("Bo")];
    const conversations = await Promise.all(
      [0, 1, 2].map((i) => newConversation(new Date(Date.now() - 60_000 * (i + 1)))),
    );
    const ids = conversations.map((c) => c.id);
    let joined: Member | undefined;
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all([
        ...conversations.flatMap((c, i) => [
          inbound(c.number, new Date(Date.now() - 1000 * (round + i))).then(() => ({ status: 200 })),
          read(ada, c.id),
          read(bo, c.id),
          round % 2 ? markUnread(ada, c.id) : read(null, c.id),
        ]),
        ...(round === 1 ? [newMember("Cy").then((m) => ((joined = m), { status: 200 }))] : []),
      ]);
      // None lost to a deadlock between the triggers' locks.
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      await expectKeptByRule(ids, joined ? [ada, bo, joined] : [ada, bo]);
    }
  });

  it("the backfill task rebuilds a range from scratch", async () => {
    const [ada, bo] = [await newMember(), await newMember()];
    const a = await newConversation();
    const b = await newConversation();
    await read(ada, a.id);
    await markUnread(bo, a.id);
    const before = await kept([a.id, b.id], [ada.id, bo.id]);
    await db.$executeRaw`DELETE FROM member_unreads WHERE conversation_id IN (${a.id}, ${b.id})`;
    const [task] = await db.$queryRaw<
      { statement: string }[]
    >`SELECT statement FROM background_tasks WHERE name = 'member_unreads_backfill'`;
    const [lo, hi] = [Math.min(a.id, b.id) - 1, Math.max(a.id, b.id)];
    await db.$queryRawUnsafe(task!.statement, lo, hi);
    expect(await kept([a.id, b.id], [ada.id, bo.id])).toEqual(before);
    await expectKeptByRule([a.id, b.id], [ada, bo]);
  });

  it("answers each tab's Unread filter from the member's rows, Mine from their assigned ones", async () => {
    const ada = await newMember();
    const mine = await newConversation();
    const theirs = await newConversation();
    await db.conversation.update({ where: { id: mine.id }, data: { assigneeId: ada.id } });
    expect(await unreadIds(ada, "mine")).toEqual([mine.id]);
    expect(await unreadIds(ada, "open")).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    await read(ada, mine.id);
    expect(await unreadIds(ada, "mine")).toEqual([]);
    expect(await unreadIds(ada, "open")).not.toContain(mine.id);
  });
});
