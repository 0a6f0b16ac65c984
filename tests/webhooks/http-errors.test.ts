import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { MAX_WEBHOOK_BYTES } from "@/lib/webhooks/handle-webhook-request";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "@/lib/webhooks/json-depth";
import { REFUSAL_SAMPLES_PER_MINUTE } from "@/lib/webhooks/record-refusal";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, statusBody } from "../support/webhooks";

async function lastEvent() {
  return testDb().webhookEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
}

// The refusal sampling keys on the sender's address: trust one proxy hop, so the
// X-Forwarded-For these in-process requests carry is that address.
process.env.TRUSTED_PROXY_HOPS = "1";
resetEnvCache();

describe("webhook error paths", () => {
  it("401 for a missing or wrong secret, sampled without the secret (the body's first bytes kept)", async () => {
    for (const secret of [null, "wrong-secret"]) {
      // a source of its own, so this request is its source's first this minute and is sampled
      const source = randomBytes(4).join(".");
      const body = receiveBody();
      const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const res = await callWebhook("receive", body, { secret, headers: { "x-forwarded-for": source } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "invalid_signature", message: expect.any(String) } });
      const e = await testDb().webhookEvent.findFirst({
        where: { headers: { path: ["x-forwarded-for"], equals: source } },
      });
      if (!e) {
        // Not sampled: only because other test files' unsigned "receive" posts took this
        // minute's samples (REFUSAL_SAMPLES_PER_MINUTE per type), and it was still counted.
        const counted = await testDb().webhookRefusal.findMany({ where: { type: "receive", minute: { gte: minute } } });
        expect(counted.some((c) => c.sampled >= REFUSAL_SAMPLES_PER_MINUTE)).toBe(true);
        continue;
      }
      expect(e).toMatchObject({ outcome: "unauthorized", statusCode: 401 });
      expect(JSON.parse(Buffer.from(e.body!).toString("utf8"))).toEqual(body);
      expect(JSON.stringify(e)).not.toContain("wrong-secret");
    }
  });

  it("400 with a JSON error for a body that is not JSON, still stored raw", async () => {
    const raw = '{"message_handle": "abc", oops';
    const res = await callWebhook("receive", raw);
    expect(res.status).toBe(400);
    expect(res.body?.error.code).toBe("invalid_json");
    const e = await lastEvent();
    expect(e).toMatchObject({ outcome: "invalid", statusCode: 400 });
    expect(Buffer.from(e.body!).toString("utf8")).toBe(raw);
  });

  it("keeps bytes that are not valid UTF-8 exactly as received", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0xfe, 0x7d]);
    const res = await callWebhook("receive", bytes);
    expect(res.status).toBe(400);
    expect(Buffer.from((await lastEvent()).body!)).toEqual(Buffer.from(bytes));
  });

  it("422 naming the missing fields, still stored raw", async () => {
    const body = receiveBody();
    delete (body as Record<string, unknown>).message_handle;
    const res = await callWebhook("receive", body);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: { code: "missing_fields", message: "Missing required field: message_handle" } });
    const e = await lastEvent();
    expect(e.outcome).toBe("invalid");
    expect(JSON.parse(Buffer.from(e.body!).toString("utf8"))).toEqual(body);

    const status = await callWebhook("outbound", { is_outbound: true });
    expect(status.status).toBe(422);
    expect(status.body?.error.message).toMatch(/message_handle, status, number/);
  });

  it("422 naming key fields too long for an index (random text, so it cannot compress), still stored raw", async () => {
    const long = randomBytes(3000).toString("base64");
    const cases = [
      ["receive", receiveBody({ message_handle: long }), "message_handle"],
      ["receive", receiveBody({ group_id: long, media_url: `https://cdn.example/${long}` }), "group_id, media_url"],
      ["outbound", statusBody({ status: long }), "status"],
    ] as const;
    for (const [type, body, fields] of cases) {
      const res = await callWebhook(type, body);
      expect(res.status).toBe(422);
      expect(res.body?.error).toMatchObject({
        code: "fields_too_long",
        message: expect.stringContaining(`: ${fields}`),
      });
      expect(Buffer.from((await lastEvent()).body!).toString("utf8")).toBe(JSON.stringify(body));
    }
  });

  it("422 for a body nested past the depth any walk of it can take, at every type, still stored raw", async () => {
    const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
    for (const [type, base] of [
      ["receive", receiveBody()],
      ["call_log", { number: "+15551230000" }],
    ] as const) {
      for (const n of [MAX_JSON_DEPTH, 5_000, 200_000]) {
        const text = `${JSON.stringify(base).slice(0, -1)},"deep":${deep(n)}}`;
        const res = await callWebhook(type, text);
        expect(res.status).toBe(422);
        expect(res.body?.error.code).toBe("too_deep");
        expect(Buffer.from((await lastEvent()).body!).toString("utf8")).toBe(text);
      }
      // one level less (the body object is the first) goes through
      const text = `${JSON.stringify(base).slice(0, -1)},"deep":${deep(MAX_JSON_DEPTH - 1)}}`;
      expect((await callWebhook(type, text)).status).toBe(200);
    }
  });

  it("counts nesting outside strings only", () => {
    expect(nestsDeeperThan(JSON.stringify({ a: "[[[[[[", b: '\\"{{{{' }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: [[{ b: "]]]" }]] }), 3)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ a: [[{ b: "]]]" }]] }), 4)).toBe(false);
  });

  it("422 for JSON that is not an object", async () => {
    for (const body of ["[]", "42", '"text"', "null"]) {
      const res = await callWebhook("receive", body);
      expect(res.status).toBe(422);
      expect(res.body?.error.code).toBe("not_an_object");
    }
  });

  it("413 for bodies over 1 MB", async () => {
    const body = JSON.stringify(receiveBody({ content: "x".repeat(MAX_WEBHOOK_BYTES) }));
    const res = await callWebhook("receive", body);
    expect(res.status).toBe(413);
    expect(res.body?.error.code).toBe("body_too_large");
    expect(await lastEvent()).toMatchObject({ outcome: "too_large", statusCode: 413 });
  });

  it("404 for an unknown type, stored raw", async () => {
    const res = await callWebhook("delivery_receipt", { a: 1 });
    expect(res.status).toBe(404);
    expect(res.body?.error.code).toBe("unknown_webhook_type");
    expect(await lastEvent()).toMatchObject({ type: "delivery_receipt", outcome: "invalid" });
  });

  it("stores a body with NUL characters and wrong-typed fields without losing the valid parts", async () => {
    const body = receiveBody({
      content: "null\u0000byte",
      plan: { nested: true },
      was_downgraded: "yes",
      opted_out: [1],
    });
    const res = await callWebhook("receive", body);
    expect(res.status).toBe(200);
    const m = await testDb().message.findUniqueOrThrow({ where: { handle: body.message_handle } });
    expect(m.content).toBe("null\uFFFDbyte");
    expect(m.wasDowngraded).toBe(true);
  });
});
