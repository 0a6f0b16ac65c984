import { describe, expect, it } from "vitest";
import { GET as listEventsRoute } from "@/app/api/webhook-events/route";
import { GET as getEventRoute } from "@/app/api/webhook-events/[id]/route";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { callWebhook, receiveBody } from "../support/webhooks";

// A stored body nested 10,000 deep is valid JSON that no recursive walk survives
// (JSON.stringify overflows its stack). The log must still list and show it: as text,
// never as parsed JSON, which is only returned for accepted (processed / duplicate) bodies.

const DEPTH = 10_000;
// The list carries bodies up to 16 KB inline (larger ones come one at a time): 8,000-deep
// brackets are 16,000 bytes, so that one rides in the list itself.
const INLINE_DEPTH = 8_000;

function get(
  handler: typeof listEventsRoute | typeof getEventRoute,
  path: string,
  params: Record<string, string> = {},
) {
  const request = new Request(`http://inbox.test${path}`, {
    headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` },
  });
  return handler(request, { params: Promise.resolve(params) } as never);
}

/** The deepest bracket nesting JSON.stringify(…, null, 2) survives in this process. */
function prettyPrintLimit(): number {
  let [lo, hi] = [1, 20_000];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      JSON.stringify(JSON.parse(`${"[".repeat(mid)}${"]".repeat(mid)}`), null, 2);
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

describe("the webhook log with hostile stored bodies", () => {
  it("lists a page holding a 10,000-deep body (and shows it alone) without a 500, as text", {
    timeout: 60_000,
  }, async () => {
    const deepObject = `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`;
    const deepArray = `${"[".repeat(INLINE_DEPTH)}${"]".repeat(INLINE_DEPTH)}`;
    const ids: number[] = [];
    for (const text of [deepObject, deepArray]) {
      const posted = await callWebhook("receive", text);
      expect(posted.status).toBe(422);
    }
    // Around the depth where pretty-printing starts to overflow, a body can pretty-print and
    // still overflow the page's own serialisation, which nests it a few levels deeper.
    const edge = prettyPrintLimit();
    const edgeBodies = Array.from({ length: 26 }, (_, i) =>
      Buffer.from(`${"[".repeat(edge - 24 + i)}${"]".repeat(edge - 24 + i)}`),
    );
    await testDb().webhookEvent.createMany({
      data: edgeBodies.map((body, i) => ({
        type: "receive",
        requestId: `deep-edge-${i}`,
        headers: {},
        body: new Uint8Array(body),
        bodySize: body.length,
        outcome: "invalid" as const,
        statusCode: 422,
        error: "JSON nests deeper than 64 levels",
      })),
    });
    // a refused (unauthorized) event and an accepted one on the same page
    await callWebhook("receive", receiveBody(), { secret: "wrong secret!" });
    const good = await callWebhook("receive", receiveBody());
    expect(good.status).toBe(200);

    const res = await get(listEventsRoute, "/api/webhook-events?limit=40");
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      events: { id: number; outcome: string; body: string | null; json: unknown; pretty: string | null }[];
    };
    // (other test files share the database: keep this file's hostile bodies)
    const hostile = (e: { body: string | null }) =>
      e.body === null || e.body.startsWith("[[[[") || e.body.startsWith('{"a":{"a":');
    const invalid = page.events.filter((e) => e.outcome === "invalid" && hostile(e));
    expect(invalid.length).toBeGreaterThanOrEqual(28);
    for (const e of invalid) expect([e.json, e.pretty]).toEqual([null, null]);
    const deep = invalid.slice(-2);
    expect(deep.map((e) => e.body)).toEqual([deepArray, null]); // the 50 KB one is left out of the list
    for (const e of deep) {
      expect(e.json).toBeNull();
      expect(e.pretty).toBeNull();
      ids.push(e.id);
    }
    // accepted bodies still come parsed; refused ones never do
    const accepted = page.events.find((e) => e.id === good.body!.eventId)!;
    expect(accepted.json).toMatchObject({ message_handle: expect.any(String) });
    expect(accepted.pretty).toContain('"message_handle"');
    for (const e of page.events.filter((x) => x.outcome !== "processed" && x.outcome !== "duplicate"))
      expect(e.json).toBeNull();

    for (const id of ids) {
      const one = await get(getEventRoute, `/api/webhook-events/${id}`, { id: String(id) });
      expect(one.status).toBe(200);
      const event = (await one.json()) as { body: string; json: unknown };
      expect(event.json).toBeNull();
      expect([deepObject, deepArray]).toContain(event.body);
    }
  });
});
