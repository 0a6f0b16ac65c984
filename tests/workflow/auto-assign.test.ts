import { afterEach, describe, expect, it } from "vitest";
import { PATCH as mePatch } from "@/app/api/me/route";
import { testDb } from "../support/db";
import { as, newConversation, newMember } from "./workflow-support";

// Round-robin auto-assignment of new conversations among enabled members who opted in;
// the rotation lives in the database so concurrent processes agree.

const db = testDb();
// Other test files may create conversations while members here are opted in; they are
// then assigned too, which no other test looks at.
let optedIn: number[] = [];

afterEach(async () => {
  await db.user.updateMany({ where: { id: { in: optedIn } }, data: { autoAssign: false } });
  optedIn = [];
});

describe("auto-assign", () => {
  it("a member opts in and out through PATCH /api/me (the Settings toggle); bad input is a 400 naming the field", async () => {
    const ada = await newMember();
    optedIn = [ada.id];
    expect((await as(ada, mePatch, { method: "PATCH", body: { autoAssign: true } })).body).toEqual({
      autoAssign: true,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: ada.id } })).autoAssign).toBe(true);
    await as(ada, mePatch, { method: "PATCH", body: { autoAssign: false } });
    expect((await db.user.findUniqueOrThrow({ where: { id: ada.id } })).autoAssign).toBe(false);
    const bad = await as(ada, mePatch, { method: "PATCH", body: { autoAssign: "yes" } });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringMatching(/^autoAssign: /)]);
  });

  it("hands new conversations to opted-in members in turn, skipping disabled ones", async () => {
    const [ada, bo, cy] = [await newMember("Ada"), await newMember("Bo"), await newMember("Cy")];
    optedIn = [ada.id, bo.id, cy.id];
    await db.user.updateMany({ where: { id: { in: optedIn } }, data: { autoAssign: true } });
    await db.user.update({ where: { id: cy.id }, data: { disabledAt: new Date() } });
    // A webhook's new conversation is assigned like any other.
    const { id } = await newConversation();
    const assigned = await db.conversation.findUniqueOrThrow({ where: { id }, select: { assigneeId: true } });
    expect([ada.id, bo.id]).toContain(assigned.assigneeId);
    const trail = await db.conversationActivity.findFirstOrThrow({ where: { conversationId: id, kind: "assignment" } });
    expect(trail.data).toMatchObject({ reason: "auto", from: null });

    // Four at once in one statement: the rotation row stays locked by it, so other test
    // files creating conversations meanwhile cannot interleave, and the turns alternate.
    const rows = await db.$queryRaw<{ assignee_id: number }[]>`
      WITH made AS (
        INSERT INTO conversations (key, kind) SELECT 'auto-assign-' || gen_random_uuid(), 'direct' FROM generate_series(1, 4)
        RETURNING id
      ) SELECT id FROM made`;
    const made = await db.conversation.findMany({
      where: { id: { in: rows.map((r: any) => r.id) } },
      select: { assigneeId: true },
      orderBy: { id: "asc" },
    });
    const turns = made.map((m) => m.assigneeId);
    expect(new Set(turns)).toEqual(new Set([ada.id, bo.id]));
    expect(turns[0]).not.toBe(turns[1]);
    expect(turns[0]).toBe(turns[2]);
    expect(turns[1]).toBe(turns[3]);
  });
});
