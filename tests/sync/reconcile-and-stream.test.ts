import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startEventStream } from "@/lib/sync/event-stream";
import { RECONCILE_KEY, runReconcile } from "@/lib/sync/reconcile";
import { releaseLease, takeLease } from "@/lib/sync/sync-state";
import { inboundMessage } from "@/scripts/lib/demo/bodies";
import { startSyncHarness, testPool } from "./sync-harness";

// Gap repair and the live event stream against the stand-in. One file: both use the single
// "reconcile" state row.

const h = await startSyncHarness({ history: { count: 0 }, apiV2: { rateLimit: false, heartbeatMs: 200 } });
afterAll(() => h.fake.close());

let n = 0;
function liveMessage(content: string, at = new Date()) {
  n++;
  return inboundMessage({
    handle: `GAP-${Date.now()}-${n}`,
    line: "+15122164639",
    contact: `+1555777${String(n).padStart(4, "0")}`,
    content,
    at,
  }) as any;
}

async function message(handle: string) {
  const { rows } = await testPool().query(
    "SELECT m.status, c.unread_count FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE handle = $1",
    [handle],
  );
  return rows[0] ?? null;
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeEach(async () => {
  await testPool().query("DELETE FROM sync_state");
});

describe("reconcile", { timeout: 90_000 }, () => {
  it("stores what webhooks missed and moves a missed status forward, from the high-water mark minus the overlap", async () => {
    const first = await runReconcile(h.deps, { owner: "r1" });
    expect(first).toMatchObject({ ran: true, error: null });
    const missed = h.fake.history.add(liveMessage("the webhook for this never came"));
    const sent = h.fake.history.add({ ...liveMessage("an outbound one"), is_outbound: true, status: "SENT" });
    const second = await runReconcile(h.deps, { owner: "r1" });
    expect(second.repaired).toBeGreaterThanOrEqual(2);
    // Gap repair is live traffic: a repaired inbound message counts as unread.
    expect(await message(missed.message_handle)).toMatchObject({ status: "RECEIVED", unread_count: 1 });
    h.fake.history.update(sent.message_handle, { status: "DELIVERED" });
    const third = await runReconcile(h.deps, { owner: "r1" });
    expect(third.repaired).toBeGreaterThanOrEqual(1);
    expect(await message(sent.message_handle)).toMatchObject({ status: "DELIVERED" });
    const { rows } = await testPool().query(
      "SELECT runs, repaired_total, high_water_mark, last_result FROM sync_state WHERE key = 'reconcile'",
    );
    expect(rows[0].runs).toBe(3);
    expect(rows[0].repaired_total).toBe(first.repaired + second.repaired + third.repaired);
    expect(rows[0].last_result).toMatchObject({ repaired: third.repaired });
    // Run again with nothing new: the overlap re-reads, and changes nothing.
    const idle = await runReconcile(h.deps, { owner: "r1" });
    expect(idle).toMatchObject({ repaired: 0, failed: 0 });
    expect(idle.known).toBeGreaterThan(0);
  });

  it("misses nothing when messages change while it pages (the updated-at keyset, not offsets)", async () => {
    await runReconcile(h.deps, { owner: "r2" });
    const batch = Array.from({ length: 250 }, (_, i) =>
      h.fake.history.add({ ...liveMessage(`burst ${i}`), is_outbound: true, status: "SENT" }),
    );
    // Every request, one message is delivered (moving to the end of the order) and one arrives.
    const churny = await startSyncHarness({ history: { count: 0 }, apiV2: { rateLimit: false, churnEvery: 1 } });
    try {
      for (const m of batch) churny.fake.history.add(m);
      const r = await runReconcile(churny.deps, { owner: "r2", overlapMs: 60 * 60_000 });
      expect(r.error).toBeNull();
      const { rows } = await testPool().query("SELECT count(*)::int AS n FROM messages WHERE handle = ANY($1)", [
        batch.map((m) => m.message_handle),
      ]);
      expect(rows[0].n).toBe(250);
      const delivered = batch
        .filter((m) => churny.fake.history.get(m.message_handle)?.status === "DELIVERED")
        .map((m) => m.message_handle);
      expect(delivered.length).toBeGreaterThan(0);
      const { rows: statuses } = await testPool().query("SELECT DISTINCT status FROM messages WHERE handle = ANY($1)", [
        delivered,
      ]);
      expect(statuses).toEqual([{ status: "DELIVERED" }]);
    } finally {
      await churny.fake.close();
    }
  });

  it("a second server does not run a pass while the first holds it", async () => {
    // Server A's pass holds the lease (taken as runReconcile takes it); B's pass must not run.
    expect(await takeLease(testPool(), RECONCILE_KEY, "server-a", 60_000)).not.toBeNull();
    expect(await runReconcile(h.deps, { owner: "server-b" })).toMatchObject({ ran: false, repaired: 0 });
    await releaseLease(testPool(), RECONCILE_KEY, "server-a");
    expect(await runReconcile(h.deps, { owner: "server-b" })).toMatchObject({ ran: true });
  });

  it("a date past our clock moves neither the first start nor the mark past now", async () => {
    const later = new Date(Date.now() + 400 * 86_400_000);
    const future = h.fake.history.add(liveMessage("from a phone whose clock is a year ahead", later));
    // The first pass stores it (a real message) but keeps the mark at our clock.
    const first = await runReconcile(h.deps, { owner: "clock" });
    expect(first.error).toBeNull();
    expect(await message(future.message_handle)).not.toBeNull();
    const mark = async () =>
      (await testPool().query("SELECT high_water_mark AS at FROM sync_state WHERE key = $1", [RECONCILE_KEY])).rows[0]
        .at as Date;
    expect((await mark()).getTime()).toBeLessThanOrEqual(Date.now());
    // A first pass ever, with that future row held, still starts from now, not next year.
    await testPool().query("DELETE FROM sync_state");
    await runReconcile(h.deps, { owner: "clock" });
    expect((await mark()).getTime()).toBeLessThanOrEqual(Date.now());
    const missed = h.fake.history.add(liveMessage("arrived after the bad clock"));
    expect((await runReconcile(h.deps, { owner: "clock" })).repaired).toBeGreaterThanOrEqual(1);
    expect(await message(missed.message_handle)).toMatchObject({ status: "RECEIVED" });
    // Put it in the past, so a shared test database does not sort it first for a year.
    await testPool().query(
      `WITH m AS (UPDATE messages SET sent_at = now() - interval '400 days', source_updated_at = now() - interval '400 days'
                  WHERE handle = $1 RETURNING conversation_id)
       UPDATE conversations SET last_message_at = now() - interval '400 days', last_activity_at = now() - interval '400 days'
       WHERE id IN (SELECT conversation_id FROM m)`,
      [future.message_handle],
    );
  });
});

describe("event stream", { timeout: 90_000 }, () => {
  it("shows new messages live, ignores repeated event ids, and repairs the gap after a cut", async () => {
    const dup = await startSyncHarness({
      history: { count: 0 },
      apiV2: { rateLimit: false, heartbeatMs: 200, duplicateEvents: true },
    });
    let repairs = 0;
    const stream = startEventStream(dup.deps, {
      owner: "streamer",
      heartbeatTimeoutMs: 1000,
      backoffMs: { min: 50, max: 200 },
      // As the server's worker does: a repair asked for while another pass holds the lease
      // runs after it, since that pass may have started before the gap.
      repairGap: async () => {
        repairs++;
        for (;;) {
          const r = await runReconcile(dup.deps, { owner: "streamer" });
          if (r.ran) return r;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
    });
    try {
      await until(
        async () => dup.fake.v2.openStreams,
        (v) => v === 1,
      );
      const live = dup.fake.history.add(liveMessage("hello over the stream"));
      expect(
        await until(
          () => message(live.message_handle),
          (m) => m !== null,
        ),
      ).toMatchObject({ status: "RECEIVED", unread_count: 1 });
      await until(
        async () => stream.status.duplicates,
        (d) => d >= 1,
      );
      expect(stream.status.duplicates).toBeGreaterThanOrEqual(1);
      const { rows } = await testPool().query(
        "SELECT count(*)::int AS n FROM webhook_events WHERE source = 'stream' AND convert_from(body, 'UTF8') LIKE $1",
        [`%${live.message_handle}%`],
      );
      expect(rows[0].n).toBe(1);
      // Cut the stream; a message while nobody listens is only in the history.
      dup.fake.v2.dropStreams();
      const lost = dup.fake.history.add(liveMessage("sent while the stream was down"));
      expect(
        await until(
          () => message(lost.message_handle),
          (m) => m !== null,
        ),
      ).toMatchObject({ status: "RECEIVED" });
      expect(stream.status.connects).toBeGreaterThanOrEqual(2);
      expect(repairs).toBeGreaterThanOrEqual(2);
    } finally {
      await stream.stop();
      await dup.fake.close();
    }
  });

  it("reconnects when heartbeats stop", async () => {
    const silent = await startSyncHarness({ history: { count: 0 }, apiV2: { rateLimit: false, heartbeatMs: 60_000 } });
    const stream = startEventStream(silent.deps, {
      owner: "quiet",
      heartbeatTimeoutMs: 300,
      backoffMs: { min: 20, max: 50 },
      repairGap: async () => null,
    });
    try {
      await until(
        async () => stream.status.connects,
        (c) => c >= 3,
        5000,
      );
      expect(stream.status.connects).toBeGreaterThanOrEqual(3);
    } finally {
      await stream.stop();
      await silent.fake.close();
    }
  });
});
