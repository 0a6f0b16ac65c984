import { describe, expect, it } from "vitest";
import { listMessages } from "@/lib/read/list-messages";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

describe("group sender names", () => {
  it("names the sender of each inbound group message when the contact is known", async () => {
    const [ada, bob] = [uniqueNumber(), uniqueNumber()];
    await callWebhook("contact_created", { phone: ada, first_name: "Ada", last_name: "Lovelace" });
    const group = `grp-${uniqueHandle()}`;
    for (const [from, content] of [[ada, "hi all"], [bob, "hey"]] as const) {
      await callWebhook("receive", receiveBody({ group_id: group, message_type: "group", number: from, from_number: from, participants: [ada, bob], content }));
    }
    const conversation = await testDb().conversation.findUniqueOrThrow({ where: { groupId: group } });
    const page = await listMessages(testDb(), conversation.id);
    expect(page.messages.map((m) => [m.content, m.senderNumber, m.senderName])).toEqual([
      ["hi all", ada, "Ada Lovelace"],
      ["hey", bob, null],
    ]);
  });
});
