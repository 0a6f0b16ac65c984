import { describe, expect, it } from "vitest";
import { eventRow, messageRow } from "@/lib/webhooks/ingest-message";
import { normalizeMessage } from "@/lib/webhooks/normalize-message";
import { testDb } from "../support/db";
import { receiveBody } from "../support/webhooks";

// The ingest SQL functions read each message with jsonb_populate_record(NULL::messages, …):
// a key that is not a column is silently NULL. So every key messageRow() sends must be a
// column of `messages`, or one of the few keys the functions read by name, and each of those
// must still be read by a current function (prisma/migrations; see lib/db/client.ts). The raw
// log row goes the same way (jsonb_populate_record(NULL::webhook_events, …)).

const READ_BY_NAME = [
  "line_number",
  "contact_number",
  "group_id",
  "group_name",
  "participants",
  "opted_out",
  "tapback",
  "media",
  "received_at",
];

describe("the ingest contract", () => {
  it("sends only messages columns and keys the SQL functions read by name", async () => {
    const body = receiveBody({ media_url: "https://storage.googleapis.com/x/a.jpg", content: "Loved “hi”" });
    const normalized = normalizeMessage(body, "receive", new Date());
    const keys = Object.keys(messageRow(normalized, new Date()));
    const columns = (
      await testDb().$queryRaw<
        { column_name: string }[]
      >`SELECT column_name FROM information_schema.columns WHERE table_name = 'messages' AND table_schema = current_schema()`
    ).map((c) => c.column_name);
    const unknown = keys.filter((k) => !columns.includes(k) && !READ_BY_NAME.includes(k));
    expect(unknown, "keys that are neither a messages column nor read by name").toEqual([]);

    const bodies = (
      await testDb().$queryRaw<
        { def: string }[]
      >`SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.proname LIKE 'inbox\\_%'`
    ).map((f) => f.def);
    for (const key of READ_BY_NAME) {
      expect(keys, `messageRow no longer sends ${key}`).toContain(key);
      expect(
        bodies.some((def) => def.includes(`'${key}'`)),
        `no ingest function reads '${key}' any more`,
      ).toBe(true);
    }
  });

  it("sends only webhook_events columns for the raw log row", async () => {
    const keys = Object.keys(
      eventRow({
        type: "receive",
        requestId: "r",
        receivedAt: new Date(),
        headers: {},
        body: Buffer.from("{}"),
        bodySize: 2,
      }),
    );
    const columns = (
      await testDb().$queryRaw<
        { column_name: string }[]
      >`SELECT column_name FROM information_schema.columns WHERE table_name = 'webhook_events' AND table_schema = current_schema()`
    ).map((c) => c.column_name);
    expect(
      keys.filter((k) => !columns.includes(k)),
      "keys that are not webhook_events columns",
    ).toEqual([]);
  });
});
