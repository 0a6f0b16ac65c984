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

describe("group members", () => {
  it("leave our own line out of the participants and the title", async () => {
    const { getConversation } = await import("@/lib/read/list-conversations");
    const [a, b, line] = [uniqueNumber(), uniqueNumber(), uniqueNumber()];
    const group = `grp-${uniqueHandle()}`;
    await callWebhook("receive", receiveBody({ group_id: group, message_type: "group", number: a, from_number: a, sendblue_number: line, to_number: line, participants: [a, b, line] }));
    const conversation = await testDb().conversation.findUniqueOrThrow({ where: { groupId: group } });
    const view = await getConversation(testDb(), conversation.id);
    expect(view?.participants.sort()).toEqual([a, b].sort());
    expect(view?.title).not.toContain(line);
  });
});
