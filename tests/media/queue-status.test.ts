import { afterAll, describe, expect, it } from "vitest";
import { mediaQueueStatus } from "@/lib/media/queue-status";
import { testDb } from "@/tests/support/db";
import { callWebhook, receiveBody } from "@/tests/support/webhooks";

// The Lines page's queue summary reads each state through its own index (migration
// 20261205400000): the answer must still span both waiting states and both failed ones.

const db = testDb();
const ids: number[] = [];

async function attachment(state: "pending" | "copying" | "failed" | "expired", at: Date): Promise<number> {
  const body = receiveBody({ media_url: `https://media.example.test/q/${process.pid}-${Math.random()}.png` });
  expect((await callWebhook("receive", body)).status).toBe(200);
  const a = await db.mediaAttachment.findFirstOrThrow({ where: { message: { handle: body.message_handle } } });
  await db.mediaAttachment.update({ where: { id: a.id }, data: { mirrorState: state, createdAt: at, updatedAt: at } });
  ids.push(a.id);
  return a.id;
}

afterAll(() => db.mediaAttachment.deleteMany({ where: { id: { in: ids } } }));

describe("media queue status", () => {
  it("finds the oldest waiting copy in either waiting state, and the latest failures of both kinds in order", async () => {
    await attachment("pending", new Date("2001-01-02T00:00:00Z"));
    await attachment("copying", new Date("2001-01-01T00:00:00Z")); // older, and copying
    const failed = await attachment("failed", new Date("2101-01-01T00:00:00Z"));
    const expired = await attachment("expired", new Date("2101-01-02T00:00:00Z")); // newer, and expired
    const status = await mediaQueueStatus(db, { recent: 2 });
    expect(status.oldestPendingAt).toBe("2001-01-01T00:00:00.000Z");
    expect(status.recentFailures.map((f) => [f.id, f.state])).toEqual([
      [expired, "expired"],
      [failed, "failed"],
    ]);
    expect((await mediaQueueStatus(db, { recent: 0 })).recentFailures).toEqual([]);
  });
});
