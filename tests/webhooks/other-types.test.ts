import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

const LINE = "+15122164639";

describe("typing_indicator", () => {
  it("sets typing state on the 1:1 conversation, accepting the hyphenated URL too", async () => {
    const contact = uniqueNumber();
    await callWebhook("receive", receiveBody({ number: contact }));
    const t0 = new Date(Date.now() - 2000).toISOString();
    const res = await callWebhook("typing-indicator", {
      number: contact,
      from_number: LINE,
      is_typing: true,
      timestamp: t0,
    });
    expect(res.body).toMatchObject({ outcome: "processed" });
    const conv = await testDb().conversation.findUniqueOrThrow({
      where: { key: `direct:${LINE}:${contact}` },
      include: { typing: true },
    });
    expect(conv.typing).toMatchObject({ isTyping: true });

    // an older indicator delivered late does not override the newer one
    const late = new Date(Date.now() - 10_000).toISOString();
    await callWebhook("typing_indicator", { number: contact, from_number: LINE, is_typing: false, timestamp: late });
    expect((await testDb().typingState.findUniqueOrThrow({ where: { conversationId: conv.id } })).isTyping).toBe(true);

    await callWebhook("typing_indicator", {
      number: contact,
      from_number: LINE,
      is_typing: false,
      timestamp: new Date().toISOString(),
    });
    expect((await testDb().typingState.findUniqueOrThrow({ where: { conversationId: conv.id } })).isTyping).toBe(false);
  });

  it("deduplicates an identical body by content hash", async () => {
    const body = { number: uniqueNumber(), from_number: LINE, is_typing: true, timestamp: new Date().toISOString() };
    expect((await callWebhook("typing_indicator", body)).body).toMatchObject({ outcome: "processed" });
    expect((await callWebhook("typing_indicator", body)).body).toMatchObject({ outcome: "duplicate" });
  });
});

describe("call_log", () => {
  it("stores disposition, duration and transcript on the contact's conversation, keeping unknown fields", async () => {
    const contact = uniqueNumber();
    const body = {
      event_type: "call_log",
      number: contact,
      sendblue_number: LINE,
      direction: "inbound",
      disposition: "connected",
      duration: "125",
      transcript: "Hi, calling about my order",
      timestamp: "2026-02-03T04:05:06Z",
      recording_id: "rec_1",
    };
    expect((await callWebhook("call-log", body)).status).toBe(200);
    const call = await testDb().callLog.findFirstOrThrow({
      where: { contactNumber: contact },
      include: { conversation: true },
    });
    expect(call).toMatchObject({
      disposition: "connected",
      durationSeconds: 125,
      transcript: "Hi, calling about my order",
    });
    expect(call.startedAt.toISOString()).toBe("2026-02-03T04:05:06.000Z");
    expect(call.extra).toEqual({ recording_id: "rec_1" });
    expect(call.conversation?.key).toBe(`direct:${LINE}:${contact}`);
    expect((await callWebhook("call_log", body)).body).toMatchObject({ outcome: "duplicate" });
    expect(await testDb().callLog.count({ where: { contactNumber: contact } })).toBe(1);
  });

  it("keeps a call whose duration or time no column can hold, without them", async () => {
    const contact = uniqueNumber();
    const body = { number: contact, sendblue_number: LINE, duration: 3e12, timestamp: 253402300800000 };
    expect((await callWebhook("call_log", body)).status).toBe(200);
    const call = await testDb().callLog.findFirstOrThrow({ where: { contactNumber: contact } });
    expect(call.durationSeconds).toBeNull();
    expect(call.startedAt.getUTCFullYear()).toBeLessThan(10_000);
  });
});

describe("line events", () => {
  it("blocks and re-assigns a line, ignoring an assignment older than the block", async () => {
    const line = uniqueNumber();
    await callWebhook("line_assigned", {
      sendblue_number: line,
      assignment: "assigned",
      timestamp: "2026-01-01T00:00:00Z",
    });
    await callWebhook("line-blocked", {
      sendblue_number: line,
      reason: "spam reports",
      timestamp: "2026-01-02T00:00:00Z",
    });
    const db = testDb();
    expect(await db.line.findUniqueOrThrow({ where: { number: line } })).toMatchObject({ blocked: true });
    // a late, older assignment must not clear the newer block
    await callWebhook("line_assigned", {
      sendblue_number: line,
      assignment: "assigned",
      timestamp: "2026-01-01T12:00:00Z",
    });
    expect(await db.line.findUniqueOrThrow({ where: { number: line } })).toMatchObject({ blocked: true });
    await callWebhook("line_assigned", {
      sendblue_number: line,
      assignment: "assigned",
      timestamp: "2026-01-03T00:00:00Z",
    });
    const after = await db.line.findUniqueOrThrow({
      where: { number: line },
      include: { events: { orderBy: { occurredAt: "asc" } } },
    });
    expect(after).toMatchObject({ blocked: false, assignment: "assigned" });
    expect(after.events.map((e) => e.kind)).toEqual(["assigned", "assigned", "blocked", "assigned"]);
    expect(after.events.find((e) => e.kind === "blocked")?.extra).toMatchObject({ reason: "spam reports" });
  });

  it("answers 422 naming the field when no number is recognisable", async () => {
    for (const sendblue_number of [undefined, "", "-62135596800001", ") 555", ".5551234567", "call me", 12]) {
      const res = await callWebhook("line_blocked", { reason: "?", sendblue_number });
      expect(res.status, String(sendblue_number)).toBe(422);
      expect(res.body).toEqual({
        error: { code: "missing_fields", message: "Missing required field: sendblue_number" },
      });
    }
    // Short codes and formatted numbers are numbers.
    for (const sendblue_number of ["12345", "(512) 216-4639", "+1 512.216.4639", 15122164639]) {
      expect((await callWebhook("line_assigned", { sendblue_number })).status, String(sendblue_number)).toBe(200);
    }
  });
});

describe("contact_created", () => {
  it("creates or names a contact without erasing known values", async () => {
    const number = uniqueNumber();
    await callWebhook("receive", receiveBody({ number }));
    await callWebhook("contact_created", {
      contact_id: "c_1",
      phone: number,
      first_name: "Ada",
      last_name: "Lovelace",
      company_name: null,
      tags: ["vip"],
      opt_out: false,
      verified: true,
      crm_url: "https://crm.example/ada",
    });
    const db = testDb();
    expect(await db.contact.findUniqueOrThrow({ where: { number } })).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      sendblueContactId: "c_1",
      tags: ["vip"],
      verified: true,
      extra: { crm_url: "https://crm.example/ada" },
    });
    await callWebhook("contact_created", {
      phone: number,
      first_name: "",
      last_name: null,
      company_name: "Analytical",
    });
    expect(await db.contact.findUniqueOrThrow({ where: { number } })).toMatchObject({
      firstName: "Ada",
      companyName: "Analytical",
    });
  });
});
