import { describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { reprocessWebhookEvent } from "@/lib/webhooks/reprocess-webhook-event";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

describe("replaying the raw log", () => {
  it("is a no-op for every event type", async () => {
    const contact = uniqueNumber();
    const line = uniqueNumber();
    const first = receiveBody({ number: contact, sendblue_number: line, to_number: line, content: "can you call me?" });
    const out = statusBody({ number: contact, sendblue_number: line, status: "QUEUED", content: "calling now" });
    const posts: [string, unknown][] = [
      ["receive", first],
      [
        "receive",
        receiveBody({ number: contact, sendblue_number: line, to_number: line, content: "Liked “calling now”" }),
      ],
      ["outbound", out],
      ["outbound", { ...out, status: "DELIVERED" }],
      [
        "typing_indicator",
        { number: contact, from_number: line, is_typing: true, timestamp: new Date().toISOString() },
      ],
      ["call_log", { number: contact, sendblue_number: line, disposition: "voicemail", duration: 30 }],
      ["line_blocked", { sendblue_number: line, timestamp: new Date().toISOString() }],
      ["contact_created", { phone: contact, first_name: "Grace" }],
    ];
    const ids: number[] = [];
    for (const [type, body] of posts) {
      const res = await callWebhook(type, body);
      expect(res.status).toBe(200);
      ids.push(res.body!.eventId as number);
    }

    const db = testDb();
    const snapshot = async () => {
      const conversation = await db.conversation.findFirstOrThrow({
        where: { contactNumber: contact },
        include: {
          messages: { include: { statusHistory: true, reactions: true }, orderBy: { id: "asc" } },
          callLogs: true,
          typing: true,
        },
      });
      const lineRow = await db.line.findUniqueOrThrow({ where: { number: line }, include: { events: true } });
      const contactRow = await db.contact.findUniqueOrThrow({ where: { number: contact } });
      return JSON.stringify({ conversation, lineRow, contactRow }, (k, v) => (k === "updatedAt" ? undefined : v));
    };
    const before = await snapshot();
    for (const id of ids) {
      expect((await reprocessWebhookEvent({ db, sql: pgPool() }, id)).outcome).toBe("duplicate");
    }
    expect(await snapshot()).toBe(before);
  });
});
