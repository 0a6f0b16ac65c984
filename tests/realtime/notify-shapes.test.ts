import pg from "pg";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { INBOX_CHANNEL, inboxEventSchema } from "@/lib/realtime/notify";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody, uniqueNumber } from "../support/webhooks";

// Live events have two senders: notifyInbox() in TypeScript, typed by inboxEventSchema, and the
// SQL functions' json_build_object('type', …) payloads, which no compiler sees. Both are held
// to the one schema: the keys each current SQL function builds, and the payloads the ingest
// path really sends.

const KEYS_BY_TYPE = new Map(
  inboxEventSchema.options.map((o) => [(o.shape.type as z.ZodLiteral<string>).value, Object.keys(o.shape).sort()]),
);
/** The keys a sender may leave out (optional in the schema). */
const OPTIONAL_KEYS = new Map(
  inboxEventSchema.options.map((o) => [
    (o.shape.type as z.ZodLiteral<string>).value,
    Object.entries(o.shape)
      .filter(([, schema]) => (schema as z.ZodType).safeParse(undefined).success)
      .map(([key]) => key),
  ]),
);

/** The top-level arguments of a call whose "(" is at `open`. */
function callArguments(sql: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = open + 1;
  for (let i = open + 1; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === "(") depth++;
    else if (c === ")" && depth-- === 0) return [...args, sql.slice(start, i).trim()];
    else if (c === "," && depth === 0) {
      args.push(sql.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error("unbalanced call");
}

const matches = (heard: unknown, expected: Record<string, string>) =>
  Object.entries(expected).every(([k, v]) => (heard as Record<string, unknown>)[k] === v);

describe("NOTIFY payloads", () => {
  it("every SQL sender builds exactly the keys the schema has for its type", async () => {
    const functions = await testDb().$queryRaw<{ name: string; def: string }[]>`
      SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema() AND p.prosrc LIKE '%json_build_object(''type''%'`;
    const found: string[] = [];
    for (const { name, def } of functions) {
      for (const m of def.matchAll(/(?:inbox_notify\([^,]+,|pg_notify\('inbox_events',)\s*json_build_object\(/g)) {
        const args = callArguments(def, m.index + m[0].length - 1);
        const keys = args.filter((_, i) => i % 2 === 0).map((k) => k.replace(/^'|'$/g, ""));
        const type = args[1]!.replace(/^'|'$/g, "");
        found.push(`${name}:${type}`);
        const optional = OPTIONAL_KEYS.get(type) ?? [];
        // Every required key, and no key the schema lacks; an optional one may be left out.
        const expected = KEYS_BY_TYPE.get(type)?.filter((k) => keys.includes(k) || !optional.includes(k));
        expect(keys.sort(), `${name} sends a "${type}" event`).toEqual(expected);
      }
    }
    // The message, status, reaction, conversation (quiet sync) and activity senders.
    expect(new Set(found.map((f) => f.split(":")[1]))).toEqual(
      new Set(["message", "status", "reaction", "conversation", "activity"]),
    );
  });

  describe("what the ingest path sends", () => {
    let listener: pg.Client;
    const heard: unknown[] = [];
    beforeAll(async () => {
      listener = new pg.Client({ connectionString: env().DATABASE_URL });
      await listener.connect();
      listener.on("notification", (n) => n.payload && heard.push(JSON.parse(n.payload)));
      await listener.query(`LISTEN ${INBOX_CHANNEL}`);
    });
    afterAll(async () => {
      await listener?.end();
    });

    it("parses as the schema: a message, a tapback on it, a status update", async () => {
      const contact = uniqueNumber();
      const message = receiveBody({ number: contact, content: "see you at 6" });
      const reply = statusBody({ number: contact, status: "SENT" });
      for (const [type, body] of [
        ["receive", message],
        ["receive", receiveBody({ number: contact, content: "Loved “see you at 6”" })],
        ["outbound", reply],
        ["status", { ...reply, status: "DELIVERED" }],
      ] as const) {
        expect((await callWebhook(type, body)).status).toBe(200);
      }
      const expected: Record<string, string>[] = [
        { type: "message", handle: message.message_handle },
        { type: "reaction", targetHandle: message.message_handle },
        { type: "status", handle: reply.message_handle, status: "DELIVERED" },
      ];
      const heardAll = () => expected.every((e) => heard.some((h) => matches(h, e)));
      for (let i = 0; i < 100 && !heardAll(); i++) await new Promise((r) => setTimeout(r, 50));
      for (const e of expected)
        expect(
          heard.some((h) => matches(h, e)),
          JSON.stringify(e),
        ).toBe(true);
      for (const event of heard) expect(inboxEventSchema.safeParse(event).error, JSON.stringify(event)).toBeUndefined();
    });
  });
});
