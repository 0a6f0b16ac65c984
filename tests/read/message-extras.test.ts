import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getMessageWithHistory, listMessages } from "@/lib/read/list-messages";
import { sendReply } from "@/lib/send/send-reply";
import { testDb } from "../support/db";
import { useSendblueStandIn } from "../support/sendblue-stand-in";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

// Fields Sendblue documents that the inbox used to keep only in `extra`: inline replies
// (shown with their parent, and sent with reply_to), shared locations, App Cards, and the
// Sendblue seat that sent a message from Sendblue's own app.

const { fake, client, callback } = await useSendblueStandIn("extras");

async function thread(number: string) {
  const { id } = await testDb().conversation.findFirstOrThrow({
    where: { contactNumber: number },
    select: { id: true },
  });
  return { id, page: await listMessages(testDb(), id, {}) };
}

describe("message extras", () => {
  it("shows an inline reply's parent, a shared location, an App Card and the seat that sent a message", async () => {
    const number = uniqueNumber();
    const parent = receiveBody({ number, content: "Can you send the address?" });
    const inlineReply = receiveBody({
      number,
      content: "Never mind, found it",
      reply_to: { message_handle: parent.message_handle, part_index: 0 },
    });
    const stranger = receiveBody({ number, content: "Re: something", reply_to: { message_handle: "NOT-OURS" } });
    const location = receiveBody({
      number,
      content: "",
      message_type: "location",
      location: { latitude: 30.26715, longitude: -97.74306, accuracy: 12.5 },
    });
    const card = receiveBody({
      number,
      content: "",
      app_card: {
        appName: "Tickets",
        url: "https://example.com/t/1",
        layout: { caption: "Row 4, Seat 12", summary: "Your ticket" },
      },
    });
    const badLocation = receiveBody({ number, content: "where?", location: { latitude: "north" } });
    const fromSeat = statusBody({
      number,
      content: "Sent from Sendblue's app",
      status: "DELIVERED",
      sender_email: "ada@team.example",
      seat_id: "seat-42",
    });
    for (const body of [parent, inlineReply, stranger, location, card, badLocation])
      expect((await callWebhook("receive", body)).status).toBe(200);
    expect((await callWebhook("outbound", fromSeat)).status).toBe(200);

    const { page } = await thread(number);
    const by = (handle: string) => page.messages.find((m) => m.handle === handle)!;
    expect(by(inlineReply.message_handle).replyTo).toEqual({ handle: parent.message_handle, partIndex: 0 });
    expect(by(inlineReply.message_handle).replyQuote).toEqual({
      handle: parent.message_handle,
      found: true,
      direction: "inbound",
      preview: "Can you send the address?",
    });
    expect(by(stranger.message_handle).replyQuote).toMatchObject({ found: false, preview: "an earlier message" });
    expect(by(location.message_handle).location).toMatchObject({
      latitude: 30.26715,
      longitude: -97.74306,
      accuracyMeters: 12.5,
    });
    expect(by(location.message_handle).location!.mapUrl).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/\?mlat=30\.26715&mlon=-97\.74306/,
    );
    expect(by(card.message_handle).appCard).toEqual({
      app: "Tickets",
      title: null,
      lines: ["Row 4, Seat 12", "Your ticket"],
      url: "https://example.com/t/1",
    });
    expect(by(badLocation.message_handle).location).toBeNull(); // malformed: not shown, still kept raw
    expect(by(parent.message_handle)).toMatchObject({ replyTo: null, replyQuote: null, location: null, appCard: null });
    const seat = (await getMessageWithHistory(testDb(), fromSeat.message_handle))!;
    expect(seat).toMatchObject({ senderEmail: "ada@team.example", seatId: "seat-42" });
  });

  it("sends an inline reply with reply_to, shows its parent at once, and refuses a parent from elsewhere", async () => {
    const number = uniqueNumber();
    const line = uniqueNumber();
    const parent = receiveBody({ number, sendblue_number: line, to_number: line, content: "Is 4:30 ok?" });
    expect((await callWebhook("receive", parent)).status).toBe(200);
    const { id } = await thread(number);
    const result = await sendReply(testDb(), client, {
      conversationId: id,
      clientId: randomUUID(),
      content: "Yes",
      replyTo: parent.message_handle,
      userId: null,
      statusCallbackUrl: callback,
    });
    expect(fake.calls.at(-1)!.body).toMatchObject({
      content: "Yes",
      reply_to: { message_handle: parent.message_handle },
    });
    expect(fake.calls.at(-1)!.body.reply_to).not.toHaveProperty("part_index");
    const sent = (await getMessageWithHistory(testDb(), result.handle))!;
    expect(sent.replyQuote).toMatchObject({ handle: parent.message_handle, found: true, preview: "Is 4:30 ok?" });

    const elsewhere = receiveBody({ number: uniqueNumber(), content: "another thread" });
    expect((await callWebhook("receive", elsewhere)).status).toBe(200);
    await expect(
      sendReply(testDb(), client, {
        conversationId: id,
        clientId: randomUUID(),
        content: "x",
        replyTo: elsewhere.message_handle,
        userId: null,
        statusCallbackUrl: callback,
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("replyTo") });
  });
});
