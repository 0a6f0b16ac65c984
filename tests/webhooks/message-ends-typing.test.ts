import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

// A message from the contact ends their typing indicator in the stored state, so the list
// stops saying "typing…" as soon as it arrives (migration 20261202070000). Assertions read
// the stored state, not the 15-second freshness, so a slow machine cannot fail them.

const LINE = "+15122164639";
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function typingConversation() {
  const contact = uniqueNumber();
  await callWebhook("receive", receiveBody({ number: contact, sendblue_number: LINE, date_sent: ago(60_000) }));
  await callWebhook("typing_indicator", { number: contact, from_number: LINE, is_typing: true, timestamp: ago(3000) });
  const conv = await testDb().conversation.findUniqueOrThrow({ where: { key: `direct:${LINE}:${contact}` } });
  expect(await isTyping(conv.id)).toBe(true);
  return { contact, id: conv.id };
}

const isTyping = async (id: number) =>
  (await testDb().typingState.findUniqueOrThrow({ where: { conversationId: id } })).isTyping;

describe("a message ends typing", () => {
  it("an inbound message clears the contact's typing, and a late indicator from before it stays ignored", async () => {
    const { contact, id } = await typingConversation();
    const sentAt = ago(1000);
    await callWebhook(
      "receive",
      receiveBody({ number: contact, sendblue_number: LINE, content: "Tuesday works", date_sent: sentAt }),
    );
    const state = await testDb().typingState.findUniqueOrThrow({ where: { conversationId: id } });
    expect(state).toMatchObject({ isTyping: false });
    expect(state.updatedAt.toISOString()).toBe(sentAt);
    // Typing from before the message, delivered after it, does not bring the indicator back…
    await callWebhook("typing_indicator", {
      number: contact,
      from_number: LINE,
      is_typing: true,
      timestamp: ago(2000),
    });
    expect(await isTyping(id)).toBe(false);
    // …typing after it does.
    await callWebhook("typing_indicator", { number: contact, from_number: LINE, is_typing: true, timestamp: ago(0) });
    expect(await isTyping(id)).toBe(true);
  });

  it("our own reply does not end the contact's typing, nor does an older message delivered late", async () => {
    const { contact, id } = await typingConversation();
    await callWebhook(
      "outbound",
      statusBody({ number: contact, sendblue_number: LINE, status: "SENT", date_sent: ago(500) }),
    );
    expect(await isTyping(id)).toBe(true);
    await callWebhook(
      "receive",
      receiveBody({ number: contact, sendblue_number: LINE, content: "sent earlier", date_sent: ago(30_000) }),
    );
    expect(await isTyping(id)).toBe(true);
  });
});
