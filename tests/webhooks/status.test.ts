import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { callWebhook, statusBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

async function messageState(handle: string) {
  return testDb().message.findUniqueOrThrow({
    where: { handle },
    include: { statusHistory: { orderBy: { id: "asc" } }, conversation: true },
  });
}

describe("outbound status webhooks", () => {
  it("creates an unknown message (outbound) and its conversation from the first status", async () => {
    const body = statusBody({ status: "QUEUED" });
    const res = await callWebhook("outbound", body);
    expect(res.status).toBe(200);
    const m = await messageState(body.message_handle);
    expect(m).toMatchObject({ direction: "outbound", status: "QUEUED", content: "Thanks, see you then" });
    expect(m.conversation).toMatchObject({ kind: "direct", contactNumber: body.number, unreadCount: 0 });
    expect(m.statusHistory.map((s) => s.status)).toEqual(["QUEUED"]);
  });

  it("never moves backwards: a late SENT after DELIVERED only adds history", async () => {
    const contact = uniqueNumber();
    const handle = uniqueHandle();
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
    for (const [status, s] of [
      ["QUEUED", 0],
      ["DELIVERED", 2],
      ["SENT", 1],
    ] as const) {
      const res = await callWebhook(
        "outbound",
        statusBody({ number: contact, message_handle: handle, status, date_updated: at(s) }),
      );
      expect(res.body).toMatchObject({ outcome: "processed" });
    }
    const m = await messageState(handle);
    expect(m.status).toBe("DELIVERED");
    expect(m.statusHistory.map((s) => s.status).sort()).toEqual(["DELIVERED", "QUEUED", "SENT"]);
  });

  it("ends in the same state for every order of a shuffled, duplicated sequence", async () => {
    const sequence = ["QUEUED", "SENT", "DELIVERED", "SENT", "QUEUED", "DELIVERED"];
    const orders = [sequence, [...sequence].reverse(), ["DELIVERED", "QUEUED", "SENT", "SENT", "DELIVERED", "QUEUED"]];
    for (const order of orders) {
      const contact = uniqueNumber();
      const handle = uniqueHandle();
      const outcomes: string[] = [];
      for (const status of order) {
        const res = await callWebhook("status", statusBody({ number: contact, message_handle: handle, status }));
        outcomes.push(res.body!.outcome as string);
      }
      expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(3);
      const m = await messageState(handle);
      expect(m.status).toBe("DELIVERED");
      expect(m.statusHistory).toHaveLength(3);
    }
  });

  it("records a failure with its error fields, whether error_code is a number or a string", async () => {
    for (const code of [4002, "4002"]) {
      const handle = uniqueHandle();
      await callWebhook("outbound", statusBody({ message_handle: handle, status: "QUEUED" }));
      await callWebhook(
        "outbound",
        statusBody({ message_handle: handle, status: "ERROR", error_code: code, error_message: "Blacklisted number" }),
      );
      const m = await messageState(handle);
      expect(m).toMatchObject({ status: "ERROR", errorCode: "4002", errorMessage: "Blacklisted number" });
    }
  });

  it("marks SMS fallback and keeps the service it fell back to", async () => {
    const handle = uniqueHandle();
    await callWebhook("outbound", statusBody({ message_handle: handle, status: "QUEUED", service: "iMessage" }));
    await callWebhook(
      "outbound",
      statusBody({ message_handle: handle, status: "SENT", service: "SMS", was_downgraded: true }),
    );
    const m = await messageState(handle);
    expect(m).toMatchObject({ status: "SENT", service: "SMS", wasDowngraded: true });
  });

  it("accepts group status bodies whose number fields are arrays", async () => {
    const groupId = `grp-${uniqueHandle()}`;
    const members = [uniqueNumber(), uniqueNumber()];
    const body = statusBody({
      group_id: groupId,
      message_type: "group",
      number: members,
      to_number: members,
      participants: members,
      status: "SENT",
    });
    expect((await callWebhook("outbound", body)).status).toBe(200);
    const m = await messageState(body.message_handle);
    expect(m.conversation).toMatchObject({ kind: "group", groupId });
    const participants = await testDb().conversationParticipant.findMany({
      where: { conversationId: m.conversationId },
    });
    expect(participants.map((p) => p.number).sort()).toEqual([...members].sort());
  });

  it("accepts status callbacks that prove themselves with the derived ?token=, on the status URL only", async () => {
    const { env } = await import("@/lib/env");
    const { statusCallbackToken } = await import("@/lib/webhooks/status-callback-token");
    const secret = env().SENDBLUE_WEBHOOK_SECRET!;
    const token = `?token=${statusCallbackToken(secret)}`;
    expect(statusCallbackToken(secret)).not.toContain(secret);
    // every spelling of the status URL takes it
    for (const spelling of ["status", "Status", "STATUS"]) {
      expect((await callWebhook(spelling, statusBody(), { secret: null, query: token })).status, spelling).toBe(200);
    }
    expect((await callWebhook("status", statusBody(), { secret: null, query: "?token=nope" })).status).toBe(401);
    // the master secret itself is no longer a URL token, even for status callbacks
    expect((await callWebhook("status", statusBody(), { secret: null, query: `?token=${secret}` })).status).toBe(401);
    // a leaked callback URL's token is not a way into any other webhook type
    for (const type of [
      "receive",
      "outbound",
      "typing_indicator",
      "call_log",
      "line_blocked",
      "line_assigned",
      "contact_created",
      "typing-indicator",
    ]) {
      for (const query of [token, `?token=${secret}`]) {
        expect((await callWebhook(type, statusBody(), { secret: null, query })).status, `${type}${query}`).toBe(401);
      }
    }
  });
});
