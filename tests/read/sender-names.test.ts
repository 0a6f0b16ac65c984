import { describe, expect, it } from "vitest";
import { listMessages } from "@/lib/read/list-messages";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

describe("group sender names", () => {
  it("names the sender of each inbound group message when the contact is known", async () => {
    const [ada, bob] = [uniqueNumber(), uniqueNumber()];
    await callWebhook("contact_created", { phone: ada, first_name: "Ada", last_name: "Lovelace" });
    const group = `grp-${uniqueHandle()}`;
    for (const [from, content] of [
      [ada, "hi all"],
      [bob, "hey"],
    ] as const) {
      await callWebhook(
        "receive",
        receiveBody({
          group_id: group,
          message_type: "group",
          number: from,
          from_number: from,
          participants: [ada, bob],
          content,
        }),
      );
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
    await callWebhook(
      "receive",
      receiveBody({
        group_id: group,
        message_type: "group",
        number: a,
        from_number: a,
        sendblue_number: line,
        to_number: line,
        participants: [a, b, line],
      }),
    );
    const conversation = await testDb().conversation.findUniqueOrThrow({ where: { groupId: group } });
    const view = await getConversation(testDb(), conversation.id);
    expect(view?.participants.sort()).toEqual([a, b].sort());
    expect(view?.title).not.toContain(line);
  });

  it("title a group without a display name by its people's names, the same in the list, the thread and search", async () => {
    const { getConversation, listConversations } = await import("@/lib/read/list-conversations");
    const { searchMessages } = await import("@/lib/search/search-messages");
    const { pgPool } = await import("@/lib/db/pg-pool");
    const { searchQuerySchema } = await import("@/lib/search/search-schemas");
    // Members who arrive together are listed by number.
    const people = Array.from({ length: 5 }, () => uniqueNumber()).sort();
    const line = uniqueNumber();
    await callWebhook("contact_created", { phone: people[0], first_name: "Ada", last_name: "Lovelace" });
    await callWebhook("contact_created", { phone: people[2], company_name: "Acme" });
    const group = `grp-${uniqueHandle()}`;
    const word = `zebra${uniqueHandle().replace(/\W/g, "").slice(-8)}`;
    const message = {
      group_id: group,
      message_type: "group",
      sendblue_number: line,
      to_number: line,
      content: `${word} time`,
    };
    await callWebhook(
      "receive",
      receiveBody({
        ...message,
        number: people[0],
        from_number: people[0],
        participants: people.slice(0, 3).concat(line),
      }),
    );
    const conversation = await testDb().conversation.findUniqueOrThrow({ where: { groupId: group } });

    const three = `Ada Lovelace, ${people[1]}, Acme`;
    expect((await getConversation(testDb(), conversation.id))?.title).toBe(three);
    const listed = (await listConversations(testDb(), { limit: 200 })).conversations.find(
      (c) => c.id === conversation.id,
    );
    expect(listed?.title).toBe(three);
    const found = await searchMessages(pgPool(), searchQuerySchema.parse({ q: word }));
    expect(found.results.map((r) => r.conversation.title)).toEqual([three]);

    await callWebhook(
      "receive",
      receiveBody({ ...message, number: people[1], from_number: people[1], participants: people.concat(line) }),
    );
    expect((await getConversation(testDb(), conversation.id))?.title).toBe(`Ada Lovelace, ${people[1]}, Acme & 2 more`);
  });
});
