import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WEBHOOK_TYPES } from "@/lib/webhooks/webhook-types";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody } from "../support/webhooks";

// Thousands of generated bodies at every webhook endpoint: never a 5xx while the database
// is up, the raw body always kept byte for byte, and valid parts of valid bodies never lost.

const RUNS = 120;

const scalar = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.integer().map(String),
  fc.constantFrom("", " ", "\u0000", "\u202e", "\u200b", "<script>alert(1)</script>", "javascript:alert(1)"),
  // Past the 2,704-byte cap on a unique index's entry, and random so it cannot compress under it.
  fc.string({ unit: "grapheme-ascii", minLength: 2800, maxLength: 3200 }),
  // Dates and numbers at the edges of what JavaScript and PostgreSQL can hold.
  fc.constantFrom(253402300800000, -62135596800001, 8.64e15, 2 ** 31, 1e300, "+275760-09-13T00:00:00Z"),
);

const { value: deep } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("value"), { maxKeys: 4 }),
  ),
}));

const FIELDS = [
  "message_handle",
  "content",
  "number",
  "from_number",
  "to_number",
  "sendblue_number",
  "status",
  "error_code",
  "date_sent",
  "date_updated",
  "media_url",
  "group_id",
  "participants",
  "is_typing",
  "is_outbound",
  "service",
  "was_downgraded",
  "timestamp",
  "disposition",
  "duration",
  "transcript",
  "phone",
  "first_name",
  "tags",
];

/** Objects using the real field names with values of every wrong type. */
const plausibleBody = fc.dictionary(fc.constantFrom(...FIELDS), deep, { maxKeys: 12 });

const hugeString = fc.integer({ min: 50_000, max: 400_000 }).map((n) => JSON.stringify({ content: "é".repeat(n / 2) }));

const deeplyNested = fc.integer({ min: 100, max: 5000 }).map((n) => "[".repeat(n) + "]".repeat(n));

const rawBytes = fc.uint8Array({ minLength: 0, maxLength: 300 });

const anyBody = fc.oneof(
  { weight: 4, arbitrary: plausibleBody.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: deep.map((b) => JSON.stringify(b) ?? "null") },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 2, arbitrary: rawBytes },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
);

describe("hostile webhook bodies", () => {
  it.each(WEBHOOK_TYPES)("%s: never a 5xx, the raw body always kept", async (type) => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const requestId = randomUUID();
        const res = await callWebhook(type, body, { headers: { "x-request-id": requestId } });
        expect(res.status).toBeLessThan(500);
        const row = await testDb().webhookEvent.findFirst({ where: { requestId } });
        expect(row).not.toBeNull();
        const sent = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
        expect(Buffer.from(row!.body!).equals(sent)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("never answers a 5xx for a real message body with any of its fields replaced", async () => {
    const replaced = fc.dictionary(fc.constantFrom(...FIELDS, "group_display_name", "media_url", "send_style"), deep, {
      minKeys: 1,
      maxKeys: 6,
    });
    await fc.assert(
      fc.asyncProperty(replaced, fc.boolean(), fc.boolean(), async (fields, outbound, group) => {
        const base = outbound ? statusBody() : receiveBody();
        const body = {
          ...base,
          ...(group ? { group_id: `grp-${base.message_handle}`, participants: [base.number] } : {}),
          ...fields,
        };
        const res = await callWebhook(outbound ? "outbound" : "receive", body);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it("never loses a valid message, whatever extra or mistyped optional fields come with it", async () => {
    const extraKey = fc
      .string({ minLength: 1, maxLength: 16 })
      .filter((k) => !(k in receiveBody()) && k !== "__proto__");
    const optional = [
      "plan",
      "send_style",
      "was_downgraded",
      "opted_out",
      "group_display_name",
      "error_detail",
      "date_updated",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(extraKey, deep, { maxKeys: 5 }),
        fc.dictionary(fc.constantFrom(...optional), deep, { maxKeys: 3 }),
        fc.string({ unit: "grapheme", maxLength: 200 }),
        fc.boolean(),
        async (extra, mistyped, content, outbound) => {
          const base = outbound ? statusBody() : receiveBody();
          const body = { ...base, content, ...extra, ...mistyped };
          const res = await callWebhook(outbound ? "outbound" : "receive", body);
          expect(res.status).toBe(200);
          const db = testDb();
          const stored = await db.message.findUnique({ where: { handle: base.message_handle } });
          const reaction = stored ? null : await db.reaction.findUnique({ where: { handle: base.message_handle } });
          expect(stored ?? reaction).not.toBeNull();
          if (stored) expect(stored.content).toBe(content.replaceAll("\u0000", "\uFFFD"));
        },
      ),
      { numRuns: 200 },
    );
  });
});
