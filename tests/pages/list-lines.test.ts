import { describe, expect, it } from "vitest";
import { listBlockedLines, listLines } from "@/lib/read/list-lines";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

describe("listLines", () => {
  it("reports state, last activity and message counts per line", async () => {
    const line = uniqueNumber();
    const contact = uniqueNumber();
    const sentAt = new Date(Date.now() - 60_000).toISOString();
    await callWebhook("receive", receiveBody({ number: contact, sendblue_number: line, date_sent: sentAt }));
    await callWebhook("receive", receiveBody({ number: uniqueNumber(), sendblue_number: line, date_sent: sentAt }));
    await callWebhook("outbound", statusBody({ number: contact, sendblue_number: line, date_sent: sentAt }));

    const { lines } = await listLines(testDb());
    const view = lines.find((l) => l.number === line);
    expect(view).toMatchObject({
      blocked: false,
      conversations: 2,
      messages: { inbound: 2, outbound: 1 },
      lastActivityAt: new Date(sentAt).toISOString(),
    });
  });

  it("shows a blocked line (first, and in the banner list) until it is assigned again", async () => {
    const line = uniqueNumber();
    const blockedAt = new Date(Date.now() - 30_000).toISOString();
    await callWebhook("line_blocked", { sendblue_number: line, timestamp: blockedAt });
    const db = testDb();
    const { lines } = await listLines(db);
    expect(lines.find((l) => l.number === line)).toMatchObject({
      blocked: true,
      blockedAt,
      messages: { inbound: 0, outbound: 0 },
    });
    expect(lines.findIndex((l) => l.number === line)).toBeLessThan(
      lines.findIndex((l) => !l.blocked) === -1 ? Infinity : lines.findIndex((l) => !l.blocked),
    );
    expect(await listBlockedLines(db)).toContainEqual({ number: line, blockedAt });

    await callWebhook("line_assigned", { sendblue_number: line, timestamp: new Date().toISOString() });
    expect((await listLines(db)).lines.find((l) => l.number === line)).toMatchObject({
      blocked: false,
      assignment: "assigned",
    });
    expect((await listBlockedLines(db)).map((l) => l.number)).not.toContain(line);
  });

  it("counts webhook requests refused for a wrong secret", async () => {
    const before = (await listLines(testDb())).unauthorizedWebhooks.count;
    const res = await callWebhook("receive", receiveBody(), { secret: "not-the-secret" });
    expect(res.status).toBe(401);
    const after = (await listLines(testDb())).unauthorizedWebhooks;
    expect(after.count).toBeGreaterThanOrEqual(before + 1);
    expect(Date.now() - new Date(after.lastAt!).getTime()).toBeLessThan(60_000);
  });
});
