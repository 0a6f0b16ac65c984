import { describe, expect, it } from "vitest";
import { GET as wakeGet } from "@/app/api/conversations/wake/route";
import { changeConversation } from "@/lib/workflow/change-conversation";
import { wakeSnoozed } from "@/lib/workflow/wake-snoozed";
import { testDb } from "../support/db";
import { call } from "../support/route-call";
import { newConversation, newMember } from "./workflow-support";

// Snoozes wake on the server at their time, with a fake clock (wakeSnoozed takes `now`),
// exactly once when several processes run the wake together.

const db = testDb();
const minute = 60_000;

describe("snooze wake", () => {
  it("wakes a snoozed conversation when its time comes, not before, with a trail line", async () => {
    const ada = await newMember("Ada");
    const { id } = await newConversation();
    const t0 = new Date(Date.now() + 10 * minute);
    await changeConversation(
      db,
      id,
      { id: ada.id, name: "Ada", email: "ada@example.com" },
      { state: "snoozed", snoozedUntil: t0.toISOString() },
    );

    expect(await wakeSnoozed(db, new Date(t0.getTime() - 1))).not.toContain(id);
    expect((await db.conversation.findUniqueOrThrow({ where: { id } })).state).toBe("snoozed");

    expect(await wakeSnoozed(db, t0)).toContain(id);
    const row = await db.conversation.findUniqueOrThrow({ where: { id } });
    expect([row.state, row.snoozedUntil]).toEqual(["open", null]);
    const last = await db.conversationActivity.findFirstOrThrow({
      where: { conversationId: id },
      orderBy: { id: "desc" },
    });
    expect([last.actorId, last.data]).toMatchObject([null, { from: "snoozed", to: "open", reason: "snooze_woke" }]);
  });

  it("wakes each conversation once when several wakers run at the same moment", async () => {
    const ada = await newMember();
    const ids = [(await newConversation()).id, (await newConversation()).id];
    const at = new Date(Date.now() + 5 * minute);
    for (const id of ids)
      await changeConversation(
        db,
        id,
        { id: ada.id, name: null, email: "a@example.com" },
        { snoozedUntil: at.toISOString() },
      );
    const runs = await Promise.all([wakeSnoozed(db, at), wakeSnoozed(db, at), wakeSnoozed(db, at)]);
    const woke = runs.flat().filter((id) => ids.includes(id));
    expect(woke.sort()).toEqual([...ids].sort());
    const lines = await db.conversationActivity.count({
      where: { conversationId: { in: ids }, data: { path: ["reason"], equals: "snooze_woke" } },
    });
    expect(lines).toBe(2);
  });

  it("the cron route needs the cron secret or API token", async () => {
    expect((await call(wakeGet)).status).toBe(401);
    const ok = await call(wakeGet, { bearer: process.env.INBOX_API_TOKEN });
    expect(ok.status).toBe(200);
    expect(typeof ok.body.woke).toBe("number");
  });
});
