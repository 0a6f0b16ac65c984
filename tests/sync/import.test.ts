import { afterAll, describe, expect, it } from "vitest";
import { runImport } from "@/lib/sync/run-import";
import { claimImport, getImport, requestImport } from "@/lib/sync/sync-jobs";
import { outboundStatus } from "@/scripts/lib/demo/bodies";
import { callWebhook } from "../support/webhooks";
import { allHandles, newJob, startSyncHarness, storedCounts, testPool } from "./sync-harness";

// History import against the Sendblue stand-in (GET /api/v2/messages with its rate limit).

const COUNT = 1200;
const h = await startSyncHarness({
  history: { count: COUNT, seed: 1101 },
  apiV2: { rateLimit: { requests: 30, windowMs: 1000 } },
  limiter: { requests: 30, windowMs: 1050 },
});
const handles = allHandles(h.fake);
afterAll(() => h.fake.close());

async function importAll(owner: string, jobId?: number) {
  const id = jobId ?? (await newJob());
  const job = await claimImport(testPool(), owner, id);
  if (!job) throw new Error("job not claimable");
  return runImport(h.deps, job, { owner });
}

describe("history import", { timeout: 120_000 }, () => {
  it("stores every message once, reactions on their messages, read, with its pages kept raw", async () => {
    const job = await importAll("test-a");
    expect(job).toMatchObject({
      state: "done",
      fetched: COUNT,
      stored: COUNT,
      known: 0,
      failed: 0,
      total: COUNT,
      contactsDone: true,
    });
    expect(job.pages).toBe(COUNT / 100);
    const counts = await storedCounts(handles);
    expect(counts.messages + counts.reactions).toBe(COUNT);
    expect(counts.reactions).toBeGreaterThan(0);
    // Imported history is read: no conversation it touched counts anything unread.
    const { rows: unread } = await testPool().query(
      "SELECT sum(c.unread_count)::int AS n FROM conversations c WHERE c.id IN (SELECT conversation_id FROM messages WHERE handle = ANY($1))",
      [handles],
    );
    expect(unread[0].n).toBe(0);
    const { rows: groups } = await testPool().query(
      "SELECT count(DISTINCT c.id)::int AS n FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE c.kind = 'group' AND m.handle = ANY($1)",
      [handles],
    );
    expect(groups[0].n).toBeGreaterThan(0);
    const { rows: pages } = await testPool().query(
      "SELECT count(*)::int AS n, sum(body_size)::int AS bytes FROM webhook_events WHERE source = 'import' AND type = 'sendblue_messages_page' AND processed_at >= $1",
      [job.startedAt],
    );
    expect(pages[0].n).toBe(job.pages);
    // Unknown fields are kept like a webhook's.
    const { rows: extra } = await testPool().query("SELECT extra FROM messages WHERE handle = $1", [handles[0]]);
    expect(extra[0].extra).toMatchObject({ x_future_field: { note: "kept as is 0" } });
    // Media is queued for the mirror; contact names came from /api/v2/contacts.
    const { rows: media } = await testPool().query(
      "SELECT count(*)::int AS n FROM media_attachments a JOIN messages m ON m.id = a.message_id WHERE m.handle = ANY($1)",
      [handles],
    );
    expect(media[0].n).toBeGreaterThan(0);
    const { rows: named } = await testPool().query(
      "SELECT first_name, last_name FROM contacts WHERE number = '+15550000001'",
    );
    expect(named[0]).toEqual({ first_name: "Grace", last_name: "Lovelace" });
    // Each page folds the read counters' deltas (one per stored message before the fold), so
    // an import with no webhooks leaves none for readers to sum. Other test files write
    // meanwhile, hence a bound rather than zero.
    const { rows: deltas } = await testPool().query("SELECT count(*)::int AS n FROM counter_deltas");
    expect(deltas[0].n).toBeLessThan(COUNT / 4);
  });

  it("running it twice changes nothing", async () => {
    const before = await storedCounts(handles);
    const job = await importAll("test-b");
    expect(job).toMatchObject({ state: "done", stored: 0, known: COUNT, failed: 0 });
    expect(await storedCounts(handles)).toEqual(before);
  });

  it("a webhook for an imported message is a duplicate, and a late status never moves it backwards", async () => {
    const delivered = h.fake.history.list(
      new URLSearchParams({ is_outbound: "true", status: "DELIVERED", limit: "1", message_type: "message" }),
    ).data[0]!;
    const late = { ...delivered, status: "SENT", date_updated: new Date().toISOString() };
    expect((await callWebhook("outbound", late)).status).toBe(200);
    const { rows } = await testPool().query(
      "SELECT status, (SELECT count(*)::int FROM messages WHERE handle = $1) AS n FROM messages WHERE handle = $1",
      [delivered.message_handle],
    );
    expect(rows[0]).toEqual({ status: "DELIVERED", n: 1 });
    const inbound = h.fake.history.list(new URLSearchParams({ is_outbound: "false", limit: "1" })).data[0]!;
    const again = await callWebhook("receive", inbound);
    expect(again.body).toMatchObject({ outcome: "duplicate" });
  });

  it("an import after a webhook moves the status forward and keeps one row", async () => {
    const line = "+15122164639";
    const contact = "+15550000123";
    const handle = `IMPORT-AFTER-${Date.now()}`;
    const at = new Date();
    const body = outboundStatus({
      handle,
      line,
      contact,
      content: "sent before the import",
      at,
      status: "SENT",
      updatedAt: at,
    });
    expect((await callWebhook("outbound", body)).status).toBe(200);
    h.fake.history.add({
      ...(body as any),
      status: "DELIVERED",
      date_updated: new Date(at.getTime() + 5).toISOString(),
    });
    const job = await importAll("test-c", await newJob({ since: new Date(at.getTime() - 1000) }));
    expect(job).toMatchObject({ state: "done", fetched: 1, stored: 1 });
    const { rows } = await testPool().query("SELECT status FROM messages WHERE handle = $1", [handle]);
    expect(rows).toEqual([{ status: "DELIVERED" }]);
  });

  it("resumes after a restart mid-way from the last committed page, with nothing lost or doubled", async () => {
    const seeded = await startSyncHarness({ history: { count: 700, seed: 2202 }, apiV2: { rateLimit: false } });
    try {
      const mine = allHandles(seeded.fake);
      const id = await newJob();
      const first = await claimImport(testPool(), "dies-mid-way", id);
      const stop = new AbortController();
      // The "process" stops after three pages, as a restart would.
      const cut = await runImport(seeded.deps, first!, {
        owner: "dies-mid-way",
        signal: stop.signal,
        onProgress: (j) => j.pages >= 3 && stop.abort(),
      });
      expect(cut.state).toBe("running");
      expect(cut.pages).toBeGreaterThanOrEqual(3);
      expect(cut.pages).toBeLessThan(7);
      expect((await storedCounts(mine)).messages + (await storedCounts(mine)).reactions).toBe(cut.stored);
      const resumed = await claimImport(testPool(), "next-process", id);
      expect(resumed?.cursorAt).toEqual(cut.cursorAt);
      const end = await runImport(seeded.deps, resumed!, { owner: "next-process" });
      expect(end).toMatchObject({ state: "done", stored: 700, known: 0, fetched: 700 });
      const c = await storedCounts(mine);
      expect(c.messages + c.reactions).toBe(700);
    } finally {
      await seeded.fake.close();
    }
  });

  it("waits out 429s when another client spends the same account's limit, and counts the waits", async () => {
    const busy = await startSyncHarness({
      history: { count: 400, seed: 3303 },
      apiV2: { rateLimit: { requests: 1, windowMs: 3000 } },
      // Our own limiter thinks it has more room than Sendblue gives: Sendblue's 429s decide.
      limiter: { requests: 100, windowMs: 1000 },
    });
    try {
      const job = await claimImport(testPool(), "throttled", await newJob());
      const end = await runImport(busy.deps, job!, { owner: "throttled" });
      expect(end).toMatchObject({ state: "done", stored: 400, failed: 0 });
      expect(end.rateWaits).toBeGreaterThan(0);
      expect(busy.fake.v2.stats.throttled).toBeGreaterThan(0);
    } finally {
      await busy.fake.close();
    }
  });

  it("a page that is not a page is kept raw, counted and stepped over; a message with no handle is skipped and counted", async () => {
    const broken = await startSyncHarness({
      history: { count: 300, seed: 4404 },
      apiV2: { rateLimit: false, brokenListRequests: [2] },
    });
    try {
      broken.fake.history.add({
        ...broken.fake.history.list(new URLSearchParams({ limit: "1" })).data[0]!,
        message_handle: "",
        date_sent: new Date().toISOString(),
        date_updated: new Date().toISOString(),
      } as any);
      const job = await claimImport(testPool(), "broken", await newJob());
      const end = await runImport(broken.deps, job!, { owner: "broken" });
      expect(end).toMatchObject({ state: "done", badPages: 1, failed: 1 });
      // The broken page's 100 messages are skipped; everything else is stored.
      expect(end.stored).toBe(200);
      const { rows } = await testPool().query(
        "SELECT outcome FROM webhook_events WHERE source = 'import' AND id > 0 AND body = $1::bytea",
        [Buffer.from('{"data":"<html>upstream error</html>"}')],
      );
      expect(rows.map((r) => r.outcome)).toContain("invalid");
    } finally {
      await broken.fake.close();
    }
  });

  it("one import at a time: asking again while one is active returns it", async () => {
    const a = await requestImport(testPool(), {});
    const b = await requestImport(testPool(), { since: new Date("2024-01-01") });
    expect(b.job.id).toBe(a.job.id);
    expect(b.created).toBe(false);
    await testPool().query("UPDATE sync_jobs SET state = 'cancelled' WHERE id = $1", [a.job.id]);
    expect((await getImport(testPool(), a.job.id))?.state).toBe("cancelled");
  });
});
