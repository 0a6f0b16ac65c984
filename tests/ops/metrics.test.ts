import { describe, expect, it } from "vitest";
import { GET as listConversations } from "@/app/api/conversations/route";
import { GET as health } from "@/app/api/health/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { readMigrations } from "@/lib/db-tools/migrate";
import { env, resetEnvCache } from "@/lib/env";
import { call } from "../support/route-call";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// GET /api/metrics speaks Prometheus text to a scraper that holds METRICS_TOKEN (which opens
// nothing else) or any API token; /api/health?deep=1 reports the schema and the queues.

const SCRAPER = "scraper-token-0123456789";
process.env.METRICS_TOKEN = SCRAPER;
resetEnvCache();

async function scrape(bearer?: string) {
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
  const res = await metricsRoute(new Request("http://inbox.test/api/metrics", { headers }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** The value of one sample line, e.g. inbox_webhooks_total{type="receive",outcome="processed"}. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split("\n")
    .find((l) =>
      l.startsWith(`${name}{`) || l.startsWith(`${name} `)
        ? Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`))
        : false,
    );
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

describe("GET /api/metrics", () => {
  it("refuses anonymous scrapes, and METRICS_TOKEN opens this route only", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("not-the-scraper-token")).status).toBe(401);
    expect((await call(listConversations, { bearer: SCRAPER })).status).toBe(401);
    const ok = await scrape(SCRAPER);
    expect(ok.status).toBe(200);
    expect(ok.type).toContain("text/plain");
    expect((await scrape(env().INBOX_API_TOKEN)).status).toBe(200);
  });

  it("counts webhooks by type and outcome, times them, and reads the database's gauges", async () => {
    const before = (await scrape(SCRAPER)).text;
    const body = receiveBody({ number: uniqueNumber() });
    expect((await callWebhook("receive", body)).status).toBe(200);
    expect((await callWebhook("receive", body)).status).toBe(200); // the same handle again
    expect((await callWebhook("receive", receiveBody(), { secret: "wrong secret!" })).status).toBe(401);
    const after = (await scrape(SCRAPER)).text;

    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta("inbox_webhooks_total", { type: "receive", outcome: "processed" })).toBeGreaterThanOrEqual(1);
    expect(delta("inbox_webhooks_total", { type: "receive", outcome: "duplicate" })).toBeGreaterThanOrEqual(1);
    expect(delta("inbox_webhooks_total", { type: "receive", outcome: "unauthorized" })).toBeGreaterThanOrEqual(1);
    expect(delta("inbox_webhook_ingest_seconds_count", { type: "receive" })).toBeGreaterThanOrEqual(3);
    expect(sample(after, "inbox_webhook_refusals")).toBeGreaterThanOrEqual(1);
    expect(sample(after, "inbox_database_up")).toBe(1);
    expect(after).toMatch(/^inbox_media_attachments\{state="pending"\} \d+$/m);
    expect(after).toMatch(/^inbox_live_streams \d+$/m);
    expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});

describe("GET /api/health?deep=1", () => {
  it("says every shipped migration is applied, with no failures, and how old the media queue is", async () => {
    const res = await call(health, {});
    expect(res.body).toMatchObject({ ok: true, db: "up" });
    expect(res.body.migrations).toBeUndefined();
    const deep = await health(new Request("http://inbox.test/api/health?deep=1"), { params: Promise.resolve({}) });
    const body = (await deep.json()) as Record<string, any>;
    expect(deep.status).toBe(200);
    expect(body.migrations).toMatchObject({ failed: [], pending: [] });
    const shipped = await readMigrations();
    expect(body.migrations.applied).toBe(shipped.length);
    expect(body.migrations.latest).toBe(shipped.at(-1)!.name);
    expect(body.mediaQueue).toEqual({
      pending: expect.any(Number),
      failed: expect.any(Number),
      oldestPendingAgeSeconds: expect.any(Number),
    });
    expect(Array.isArray(body.backgroundTasks)).toBe(true);
  });
});
