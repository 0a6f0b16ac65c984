import { describe, expect, it } from "vitest";
import { parseTapback } from "@/lib/webhooks/tapback";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

describe("tapback parsing", () => {
  it.each([
    ["Loved “see you at 6”", { reaction: "love", quote: "see you at 6", removed: false }],
    ["Liked “ok”", { reaction: "like", quote: "ok" }],
    ["Disliked “no”", { reaction: "dislike", quote: "no" }],
    ["Laughed at “lol”", { reaction: "laugh", quote: "lol" }],
    ["Emphasized “Important”", { reaction: "emphasize", quote: "Important" }],
    ["Questioned “what?”", { reaction: "question", quote: "what?" }],
    ["Reacted 👀 to “new menu”", { reaction: "emoji", emoji: "👀", quote: "new menu" }],
    ['Loved "straight quotes"', { reaction: "love", quote: "straight quotes" }],
    ["Removed a heart from “see you”", { reaction: "love", quote: "see you", removed: true }],
  ])("%s", (text, expected) => {
    expect(parseTapback(text)).toMatchObject(expected);
  });

  it.each(["I loved it", "Loved it “quoted” later", "", "Reacted to “x”"])("is not a tapback: %s", (text) => {
    expect(parseTapback(text)).toBeNull();
  });
});

describe("tapbacks in threads", () => {
  it("attaches to the most recent message in the conversation whose text matches", async () => {
    const contact = uniqueNumber();
    const older = receiveBody({ number: contact, content: "see you at 6", date_sent: "2026-01-01T10:00:00Z" });
    const newer = statusBody({
      number: contact,
      content: "see you at 6",
      date_sent: "2026-01-01T11:00:00Z",
      status: "DELIVERED",
    });
    await callWebhook("receive", older);
    await callWebhook("outbound", newer);
    const tap = receiveBody({ number: contact, content: "Loved “see you at 6”", date_sent: "2026-01-01T11:05:00Z" });
    expect((await callWebhook("receive", tap)).body).toMatchObject({ outcome: "processed" });

    const db = testDb();
    expect(await db.message.findUnique({ where: { handle: tap.message_handle } })).toBeNull();
    const reaction = await db.reaction.findUniqueOrThrow({
      where: { handle: tap.message_handle },
      include: { message: true },
    });
    expect(reaction.message.handle).toBe(newer.message_handle);
    expect(reaction).toMatchObject({ reaction: "love", direction: "inbound", senderNumber: contact });
    expect((await callWebhook("receive", tap)).body).toMatchObject({ outcome: "duplicate" });
    expect(await db.reaction.count({ where: { handle: tap.message_handle } })).toBe(1);
  });

  it("matches a quote truncated with an ellipsis by prefix", async () => {
    const contact = uniqueNumber();
    const long = receiveBody({
      number: contact,
      content: "The delivery will arrive tomorrow between 9 and 11 am, please be home",
    });
    await callWebhook("receive", long);
    const tap = receiveBody({ number: contact, content: "Liked “The delivery will arrive tomorrow…”" });
    await callWebhook("receive", tap);
    const reaction = await testDb().reaction.findUniqueOrThrow({
      where: { handle: tap.message_handle },
      include: { message: true },
    });
    expect(reaction.message.handle).toBe(long.message_handle);
  });

  it("is kept as a plain message when nothing in the conversation matches", async () => {
    const contact = uniqueNumber();
    await callWebhook("receive", receiveBody({ number: contact, content: "something else" }));
    const tap = receiveBody({ number: contact, content: "Loved “a message from another thread”" });
    await callWebhook("receive", tap);
    const m = await testDb().message.findUniqueOrThrow({ where: { handle: tap.message_handle } });
    expect(m.content).toBe("Loved “a message from another thread”");
  });

  it("never attaches across conversations", async () => {
    const a = uniqueNumber();
    const b = uniqueNumber();
    const handle = uniqueHandle();
    await callWebhook("receive", receiveBody({ number: a, content: "shared words" }));
    await callWebhook("receive", receiveBody({ number: b, message_handle: handle, content: "Loved “shared words”" }));
    expect(await testDb().reaction.findUnique({ where: { handle } })).toBeNull();
  });
});
