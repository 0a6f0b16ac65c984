import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

describe("receive webhook", () => {
  it("stores the message, its conversation, contact, line and raw body", async () => {
    const body = receiveBody({ media_url: "https://storage.googleapis.com/b/IMG_0001.HEIC", mystery_field: { a: 1 } });
    const res = await callWebhook("receive", body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, outcome: "processed" });

    const db = testDb();
    const message = await db.message.findUniqueOrThrow({
      where: { handle: body.message_handle },
      include: { conversation: true, media: true, statusHistory: true },
    });
    expect(message).toMatchObject({ direction: "inbound", service: "iMessage", content: "Hello!", status: "RECEIVED" });
    expect(message.extra).toEqual({ mystery_field: { a: 1 } });
    expect(message.conversation).toMatchObject({ kind: "direct", contactNumber: body.number, unreadCount: 1 });
    expect(message.media).toEqual([
      expect.objectContaining({
        kind: "image",
        contentType: "image/heic",
        fileName: "IMG_0001.HEIC",
        mirrorState: "pending",
      }),
    ]);
    expect(message.statusHistory.map((s) => s.status)).toEqual(["RECEIVED"]);

    const raw = await db.webhookEvent.findUniqueOrThrow({ where: { id: res.body!.eventId as number } });
    expect(Buffer.from(raw.body!).toString("utf8")).toBe(JSON.stringify(body));
    expect(raw).toMatchObject({
      type: "receive",
      outcome: "processed",
      statusCode: 200,
      messageHandle: body.message_handle,
    });
  });

  it("treats a repeat of the same message_handle as a duplicate that changes nothing", async () => {
    const body = receiveBody();
    expect((await callWebhook("receive", body)).body).toMatchObject({ outcome: "processed" });
    const again = await callWebhook("receive", { ...body, content: "edited?" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: "duplicate" });
    const db = testDb();
    const message = await db.message.findUniqueOrThrow({
      where: { handle: body.message_handle },
      include: { conversation: true },
    });
    expect(message.content).toBe("Hello!");
    expect(message.conversation.unreadCount).toBe(1);
    expect(await db.webhookEvent.count({ where: { messageHandle: body.message_handle } })).toBe(2);
  });

  it("accepts real-traffic variations: string error codes, null names, array numbers, lowercase service", async () => {
    const contact = uniqueNumber();
    const body = receiveBody({
      number: [contact],
      from_number: contact,
      error_code: "0",
      group_display_name: null,
      was_downgraded: null,
      participants: [],
      service: "sms",
    });
    const res = await callWebhook("receive", body);
    expect(res.status).toBe(200);
    const m = await testDb().message.findUniqueOrThrow({
      where: { handle: body.message_handle },
      include: { conversation: true },
    });
    expect(m.service).toBe("SMS");
    expect(m.errorCode).toBeNull();
    expect(m.conversation.contactNumber).toBe(contact);
  });

  it("stores NUL and lone surrogates (which PostgreSQL cannot hold) as U+FFFD, and the raw bytes untouched", async () => {
    const body = receiveBody();
    const text = JSON.stringify(body).replace('"Hello!"', '"a\\u0000b\\ud800c\\uDFFFd\\ud83d\\ude00"');
    const res = await callWebhook("receive", text);
    expect(res.status).toBe(200);
    const db = testDb();
    const message = await db.message.findUniqueOrThrow({ where: { handle: body.message_handle } });
    expect(message.content).toBe("a\uFFFDb\uFFFDc\uFFFDd😀");
    const raw = await db.webhookEvent.findUniqueOrThrow({ where: { id: res.body!.eventId as number } });
    expect(Buffer.from(raw.body!).toString("utf8")).toBe(text);
  });

  it("keeps only numbers and email handles among a group's participants", async () => {
    const [a, b] = [uniqueNumber(), uniqueNumber()];
    const junk = ["", "not a number", "x".repeat(5000), randomBytes(3000).toString("base64")];
    const body = receiveBody({
      group_id: `grp-${randomBytes(6).toString("hex")}`,
      number: a,
      from_number: a,
      participants: [a, ...junk, b, "ann@icloud.com"],
    });
    expect((await callWebhook("receive", body)).status).toBe(200);
    const members = await testDb().conversationParticipant.findMany({
      where: { conversation: { groupId: body.group_id } },
    });
    expect(members.map((m) => m.number).sort()).toEqual([a, b, "ann@icloud.com"].sort());
  });

  it("reads a date past year 9999 or before year 1 as absent instead of failing the message", async () => {
    for (const date of [253402300800000, "+275760-09-13T00:00:00Z", -62135596800001]) {
      const body = receiveBody({ date_sent: date, date_updated: date });
      const before = Date.now();
      const res = await callWebhook("receive", body);
      expect(res.status).toBe(200);
      const m = await testDb().message.findUniqueOrThrow({ where: { handle: body.message_handle } });
      expect(m.sourceUpdatedAt).toBeNull();
      expect(m.sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
  });
});
