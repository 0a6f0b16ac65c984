import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as listLinesRoute } from "@/app/api/lines/route";
import { POST as reprocessRoute } from "@/app/api/webhook-events/[id]/reprocess/route";
import { env, resetEnvCache } from "@/lib/env";
import { REFUSAL_SAMPLE_BYTES, REFUSAL_SAMPLES_PER_MINUTE } from "@/lib/webhooks/record-refusal";
import { testDb } from "../support/db";
import { callWebhook, receiveBody } from "../support/webhooks";

// An anonymous flood of unsigned webhooks must not fill the disk: every refusal is counted,
// but only the first per source address per minute (and a few per minute in all) is kept
// as a log row, with the first 4 KB of its body.

// Trust one proxy hop, so an in-process request's X-Forwarded-For is its sender's address.
process.env.TRUSTED_PROXY_HOPS = "1";
resetEnvCache();

const newAddress = () => `203.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
/** Each test floods a type segment of its own ("unknown" webhook types share one counter row per minute). */
const segment = () => `flood-${randomBytes(4).toString("hex")}`;

async function samplesFrom(type: string) {
  return testDb().webhookEvent.findMany({ where: { type }, orderBy: { id: "asc" } });
}

async function refusedCount(): Promise<number> {
  const sum = await testDb().webhookRefusal.aggregate({ _sum: { refused: true } });
  return sum._sum.refused ?? 0;
}

describe("refused webhooks are counted, and only sampled", () => {
  it("keeps one row for 200 concurrent unsigned requests from one address, and counts all 200", async () => {
    const type = segment();
    const source = newAddress();
    const before = await refusedCount();
    const big = JSON.stringify({ ...receiveBody(), padding: "x".repeat(64 * 1024) });
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        callWebhook(type, big, { secret: null, headers: { "x-forwarded-for": source } }),
      ),
    );
    expect(results.every((r) => r.status === 401)).toBe(true);
    const rows = await samplesFrom(type);
    // one per minute: two only if the flood straddled a minute boundary
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2);
    const row = rows[0]!;
    expect(row).toMatchObject({ outcome: "unauthorized", statusCode: 401 });
    expect(row.body!.length).toBe(REFUSAL_SAMPLE_BYTES);
    expect(Buffer.from(row.body!).toString("utf8")).toBe(big.slice(0, REFUSAL_SAMPLE_BYTES));
    expect(row.bodySize).toBeGreaterThanOrEqual(REFUSAL_SAMPLE_BYTES); // the whole size only when Content-Length says it
    expect(row.error).toContain(`first ${REFUSAL_SAMPLE_BYTES} bytes`);
    expect(row.sampleKey).toMatch(new RegExp(`\\|${source.replaceAll(".", "\\.")}$`));
    expect((await refusedCount()) - before).toBeGreaterThanOrEqual(200);
  });

  it("keeps at most a few rows a minute from 60 concurrent addresses, each counted", async () => {
    const type = segment();
    const before = await refusedCount();
    const results = await Promise.all(
      Array.from({ length: 60 }, () =>
        callWebhook(type, receiveBody(), { secret: "wrong secret!", headers: { "x-forwarded-for": newAddress() } }),
      ),
    );
    expect(results.every((r) => r.status === 401)).toBe(true);
    const rows = await samplesFrom(type);
    expect(rows.length).toBeLessThanOrEqual(2 * REFUSAL_SAMPLES_PER_MINUTE);
    expect((await refusedCount()) - before).toBeGreaterThanOrEqual(60);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain("wrong secret!");
  });

  it("shows the totals on GET /api/lines, and never re-processes a refused body", async () => {
    const source = newAddress();
    const posted = await callWebhook("receive", receiveBody(), {
      secret: null,
      headers: { "x-forwarded-for": source },
    });
    expect(posted.status).toBe(401);
    const res = await listLinesRoute(
      new Request("http://inbox.test/api/lines", { headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` } }),
      { params: Promise.resolve({}) } as never,
    );
    const { unauthorizedWebhooks } = (await res.json()) as {
      unauthorizedWebhooks: { count: number; sampled: number; lastAt: string };
    };
    expect(unauthorizedWebhooks.count).toBeGreaterThanOrEqual(261);
    expect(unauthorizedWebhooks.sampled).toBeGreaterThanOrEqual(1);
    expect(unauthorizedWebhooks.sampled).toBeLessThan(unauthorizedWebhooks.count);
    expect(Date.now() - Date.parse(unauthorizedWebhooks.lastAt)).toBeLessThan(60_000);

    // Our own refusal is sampled unless other test files' unsigned "receive" posts used up
    // this minute's samples for the type; then any refused "receive" sample will do.
    const sample =
      (await testDb().webhookEvent.findFirst({ where: { sampleKey: { endsWith: `|${source}` } } })) ??
      (await testDb().webhookEvent.findFirstOrThrow({
        where: { outcome: "unauthorized", type: "receive", body: { not: null } },
        orderBy: { id: "desc" },
      }));
    expect(sample.body).not.toBeNull();
    expect(sample.outcome).toBe("unauthorized");
    const again = await reprocessRoute(
      new Request(`http://inbox.test/api/webhook-events/${sample.id}/reprocess`, {
        method: "POST",
        headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` },
      }),
      { params: Promise.resolve({ id: String(sample.id) }) },
    );
    expect(again.status).toBe(409);
    const { message_handle } = (() => {
      try {
        return JSON.parse(Buffer.from(sample.body!).toString()) as { message_handle?: string };
      } catch {
        return {}; // another file's refused body need not be JSON
      }
    })();
    if (message_handle) expect(await testDb().message.count({ where: { handle: message_handle } })).toBe(0);
  });
});
