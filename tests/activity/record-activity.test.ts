import { describe, expect, it } from "vitest";
import { listActivity, recordActivity } from "@/lib/activity/record-activity";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// The activity trail's contract (migration 20261202120000): rows are written with their
// actor's name at the time, read oldest first in keyset pages, and never changed or removed.

const db = testDb();

async function newConversation(): Promise<number> {
  const body = receiveBody({ number: uniqueNumber() });
  expect((await callWebhook("receive", body)).status).toBe(200);
  const message = await db.message.findUniqueOrThrow({
    where: { handle: body.message_handle },
    select: { conversationId: true },
  });
  return message.conversationId;
}

describe("conversation activity trail", () => {
  it("keeps who and what, oldest first, in keyset pages", async () => {
    const conversationId = await newConversation();
    const ada = { id: 9_000_001, name: "Ada", email: "ada@example.com" };
    await recordActivity(db, conversationId, ada, { kind: "state", data: { from: "open", to: "done" } });
    await recordActivity(db, conversationId, null, {
      kind: "state",
      data: { from: "done", to: "open", reason: "new_message" },
    });
    await recordActivity(db, conversationId, { ...ada, name: null }, { kind: "unread", data: {} });

    const first = await listActivity(db, conversationId, { limit: 2 });
    expect(first.activity.map((a) => [a.kind, a.actor?.name ?? null])).toEqual([
      ["state", "Ada"],
      ["state", null],
    ]);
    expect(first.activity[1]!.data).toEqual({ from: "done", to: "open", reason: "new_message" });
    const second = await listActivity(db, conversationId, { limit: 2, cursor: first.nextCursor });
    expect(second.activity.map((a) => a.actor)).toEqual([{ id: ada.id, name: "ada@example.com" }]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses to change or delete a row: the trail is append-only", async () => {
    const conversationId = await newConversation();
    await recordActivity(db, conversationId, null, { kind: "unread", data: {} });
    await expect(
      db.conversationActivity.updateMany({ where: { conversationId }, data: { actorName: "someone else" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.conversationActivity.deleteMany({ where: { conversationId } })).rejects.toThrow(/append-only/);
    expect(await db.conversationActivity.count({ where: { conversationId } })).toBe(1);
  });
});
