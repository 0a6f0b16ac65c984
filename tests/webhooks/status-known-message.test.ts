import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { callWebhook, statusBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

// A status for a message we already hold skips the conversation lookup; what a status body
// can still change about the contact and the group must not be lost on that path.

describe("status updates for a known message", () => {
  it("still records a contact's opt-out", async () => {
    const number = uniqueNumber();
    const handle = uniqueHandle();
    await callWebhook("outbound", statusBody({ number, message_handle: handle, status: "SENT" }));
    const res = await callWebhook(
      "outbound",
      statusBody({ number, message_handle: handle, status: "ERROR", error_code: 4001, opted_out: true }),
    );
    expect(res.body).toMatchObject({ outcome: "processed" });
    const contact = await testDb().contact.findUniqueOrThrow({ where: { number } });
    expect(contact.optedOut).toBe(true);
    const message = await testDb().message.findUniqueOrThrow({ where: { handle } });
    expect(message).toMatchObject({ status: "ERROR", errorCode: "4001" });
  });

  it("still renames the group, and keeps the conversation the message is in", async () => {
    const groupId = `group-${uniqueHandle()}`;
    const members = [uniqueNumber(), uniqueNumber()];
    const handle = uniqueHandle();
    const group = {
      group_id: groupId,
      message_type: "group",
      participants: members,
      number: members,
      to_number: members,
    };
    await callWebhook(
      "outbound",
      statusBody({ ...group, message_handle: handle, status: "SENT", group_display_name: null }),
    );
    await callWebhook(
      "outbound",
      statusBody({ ...group, message_handle: handle, status: "DELIVERED", group_display_name: "Book club" }),
    );
    const message = await testDb().message.findUniqueOrThrow({ where: { handle }, include: { conversation: true } });
    expect(message.status).toBe("DELIVERED");
    expect(message.conversation).toMatchObject({ kind: "group", groupId, displayName: "Book club" });
    expect(await testDb().conversation.count({ where: { groupId } })).toBe(1);
  });
});
