import { mkdtemp, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db-tools/migrate";
import { createPgPool } from "@/lib/db/pg-pool";
import { env } from "@/lib/env";
import { DiskStorage } from "@/lib/media/storage";
import { pruneKeptMedia } from "@/lib/retention/prune-kept-media";
import { pruneOutgoingLog } from "@/lib/retention/prune-outgoing-log";
import { pruneWebhookBodies } from "@/lib/retention/prune-webhook-bodies";
import { storageReport } from "@/lib/retention/storage-report";
import { handleWebhookRequest } from "@/lib/webhooks/handle-webhook-request";
import { reprocessWebhookEvent } from "@/lib/webhooks/reprocess-webhook-event";
import { createScratchDatabase } from "@/scripts/lib/database";
import { testServerUrl } from "../support/db";
import { receiveBody } from "../support/webhooks";

// WEBHOOK_LOG_DAYS and MEDIA_KEEP_DAYS, in a database of their own (pruning "everything older
// than N days" must not reach other test files' rows).

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  scratch = await createScratchDatabase(testServerUrl(), "inbox_retention");
  await migrate(scratch.url);
  db = createDb(scratch.url, 2);
  pool = createPgPool(scratch.url, 3);
});

afterAll(async () => {
  await db?.$disconnect();
  await pool?.end();
  await scratch?.drop();
});

async function post(body: unknown) {
  const request = new Request("http://inbox.test/api/webhooks/receive", {
    method: "POST",
    headers: { "sb-signing-secret": env().SENDBLUE_WEBHOOK_SECRET!, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const { response } = await handleWebhookRequest({ db, sql: pool }, request, "receive", "req");
  return { status: response.status, json: (await response.json()) as { outcome: string; eventId: number } };
}

const DAY = 86_400_000;

describe("WEBHOOK_LOG_DAYS", () => {
  it("removes old bodies in batches, keeps the rows, and a replay of a pruned webhook is still a duplicate", async () => {
    const bodies = Array.from({ length: 25 }, () => receiveBody());
    for (const body of bodies) expect((await post(body)).status).toBe(200);
    // The first 20 arrived 100 days ago, the last 5 ten days ago.
    await pool.query(
      `UPDATE webhook_events SET received_at = now() - interval '100 days' WHERE id IN (SELECT id FROM webhook_events ORDER BY id LIMIT 20)`,
    );
    await pool.query(
      `UPDATE webhook_events SET received_at = now() - interval '10 days' WHERE id IN (SELECT id FROM webhook_events ORDER BY id OFFSET 20)`,
    );

    const batches: number[] = [];
    const result = await pruneWebhookBodies(pool, {
      olderThanDays: 90,
      batchSize: 7,
      onBatch: (r) => batches.push(r.pruned),
    });
    expect(result.pruned).toBe(20);
    expect(result.freedBytes).toBeGreaterThan(20 * 200);
    expect(batches).toEqual([7, 14, 20]); // the third batch stops at the first young row
    const { rows } = await pool.query<{ with_body: number; pruned: number; total: number }>(
      `SELECT count(*) FILTER (WHERE body IS NOT NULL)::int AS with_body, count(body_pruned_at)::int AS pruned, count(*)::int AS total FROM webhook_events`,
    );
    expect(rows[0]).toEqual({ with_body: 5, pruned: 20, total: 25 });

    // The message stays, a replay is still known, and a pruned row cannot be re-run.
    expect(await db.message.count({ where: { handle: { in: bodies.map((b) => b.message_handle) } } })).toBe(25);
    expect((await post(bodies[0])).json.outcome).toBe("duplicate");
    const first = await db.webhookEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    await expect(reprocessWebhookEvent({ db, sql: pool }, first.id)).rejects.toMatchObject({ status: 409 });

    // A second pass starts where the first stopped: nothing left, and it reads no old row again.
    const again = await pruneWebhookBodies(pool, { olderThanDays: 90 });
    expect(again).toMatchObject({ pruned: 0, position: result.position });
    // Ten days later the rest is old enough too.
    const later = await pruneWebhookBodies(pool, { olderThanDays: 90, now: new Date(Date.now() + 85 * DAY) });
    expect(later.pruned).toBe(5); // a replay adds no row of its own
  });

  it("lets one server prune at a time", async () => {
    const holder = await pool.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(7215001)");
      expect(await pruneWebhookBodies(pool, { olderThanDays: 1 })).toMatchObject({ busy: true, pruned: 0 });
    } finally {
      await holder.query("SELECT pg_advisory_unlock(7215001)");
      holder.release();
    }
  });
});

describe("MEDIA_KEEP_DAYS", () => {
  it("removes kept copies older than N days from storage and marks them, leaving younger ones", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "inbox-retention-"));
    try {
      const storage = new DiskStorage(root);
      const body = receiveBody({ media_url: "https://storage.googleapis.com/x/a.jpg" });
      expect((await post(body)).status).toBe(200);
      const message = await db.message.findUniqueOrThrow({ where: { handle: body.message_handle } });
      const keys = ["old/a.jpg", "old/a.thumb.jpg", "young/b.jpg"];
      await mkdir(path.join(root, "old"));
      await mkdir(path.join(root, "young"));
      for (const key of keys) await writeFile(path.join(root, key), "bytes");
      const attachment = await db.mediaAttachment.findFirstOrThrow({ where: { messageId: message.id } });
      await db.mediaAttachment.update({
        where: { id: attachment.id },
        data: {
          mirrorState: "kept",
          storageKey: keys[0],
          thumbnailKey: keys[1],
          byteSize: 1234,
          keptAt: new Date(Date.now() - 120 * DAY),
        },
      });
      const young = await db.mediaAttachment.create({
        data: {
          messageId: message.id,
          sourceUrl: "https://storage.googleapis.com/x/b.jpg",
          kind: "image",
          mirrorState: "kept",
          storageKey: keys[2],
          byteSize: 99,
          keptAt: new Date(Date.now() - 5 * DAY),
        },
      });

      const report = await storageReport(pool);
      expect(report.keptMedia.find((h) => h.days === 90)!.bytes).toBe(1234);

      expect(await pruneKeptMedia(db, storage, { olderThanDays: 90 })).toEqual({ removed: 1, freedBytes: 1234 });
      expect((await readdir(path.join(root, "old"))).length).toBe(0);
      expect(await readdir(path.join(root, "young"))).toEqual(["b.jpg"]);
      const after = await db.mediaAttachment.findUniqueOrThrow({ where: { id: attachment.id } });
      expect(after).toMatchObject({
        mirrorState: "expired",
        storageKey: null,
        thumbnailKey: null,
        lastError: "Removed after 90 days (MEDIA_KEEP_DAYS)",
      });
      expect((await db.mediaAttachment.findUniqueOrThrow({ where: { id: young.id } })).mirrorState).toBe("kept");
      // Running it again finds nothing (and a missing file would not be an error).
      expect(await pruneKeptMedia(db, storage, { olderThanDays: 90 })).toEqual({ removed: 0, freedBytes: 0 });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("sums kept copies per horizon from the per-day counters exactly as the rows say, through every kind of change", async () => {
    const body = receiveBody({ media_url: "https://storage.googleapis.com/x/c.jpg" });
    expect((await post(body)).status).toBe(200);
    const { id: messageId } = await db.message.findUniqueOrThrow({ where: { handle: body.message_handle } });
    const now = new Date();
    /** What the report said before the counters: every kept row, summed. */
    const direct = async () => {
      const { rows } = await pool.query<{ h: string }>(
        `SELECT coalesce(sum(byte_size) FILTER (WHERE kept_at < $1::timestamptz - make_interval(days => d)), 0)::text AS h
         FROM unnest($2::int[]) d CROSS JOIN media_attachments WHERE mirror_state = 'kept' GROUP BY d ORDER BY d`,
        [now, [30, 90, 365]],
      );
      return rows.map((r) => Number(r.h));
    };
    const reported = async () => (await storageReport(pool, now)).keptMedia.map((h) => h.bytes);
    // Around each horizon's own day: an hour either side of the cutoff, and that day's midnight.
    const ages = [30, 90, 365].flatMap((d) => [d * DAY - 3_600_000, d * DAY + 3_600_000]);
    const created = [];
    for (const [i, age] of [...ages, 400 * DAY, 2 * DAY].entries()) {
      created.push(
        await db.mediaAttachment.create({
          data: {
            messageId,
            sourceUrl: `https://storage.googleapis.com/x/k${i}.jpg`,
            kind: "image",
            mirrorState: "kept",
            byteSize: 1000 + i,
            keptAt: new Date(now.getTime() - age),
          },
        }),
      );
    }
    const midnight = new Date(now.getTime() - 90 * DAY);
    midnight.setUTCHours(0, 0, 0, 0);
    await db.mediaAttachment.createMany({
      data: [
        {
          messageId,
          sourceUrl: "https://storage.googleapis.com/x/m.jpg",
          kind: "image",
          mirrorState: "kept",
          byteSize: 7,
          keptAt: midnight,
        },
        { messageId, sourceUrl: "https://storage.googleapis.com/x/p.jpg", kind: "image", byteSize: 5 },
      ],
    });
    expect(await reported()).toEqual(await direct());
    expect((await direct()).every((bytes) => bytes > 0)).toBe(true);
    // A copy grows, moves to another day, is lost, comes back, is deleted; a pending one is kept.
    await db.mediaAttachment.update({ where: { id: created[0]!.id }, data: { byteSize: 50_000 } });
    await db.mediaAttachment.update({
      where: { id: created[1]!.id },
      data: { keptAt: new Date(now.getTime() - 200 * DAY) },
    });
    await db.mediaAttachment.update({ where: { id: created[2]!.id }, data: { mirrorState: "failed" } });
    await db.mediaAttachment.update({ where: { id: created[2]!.id }, data: { mirrorState: "kept", byteSize: 3 } });
    await db.mediaAttachment.delete({ where: { id: created[3]!.id } });
    await db.mediaAttachment.updateMany({
      where: { messageId, mirrorState: "pending" },
      data: { mirrorState: "kept", keptAt: new Date(now.getTime() - 100 * DAY) },
    });
    expect(await reported()).toEqual(await direct());
    const root = await mkdtemp(path.join(os.tmpdir(), "inbox-retention-"));
    try {
      await pruneKeptMedia(db, new DiskStorage(root), { olderThanDays: 300, now });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    expect(await reported()).toEqual(await direct());
  });

  it("reports table sizes and what each horizon would free", async () => {
    const report = await storageReport(pool);
    expect(report.tables.map((t) => t.name)).toContain("webhook_events");
    expect(report.totalBytes).toBeGreaterThan(0);
    expect(report.webhookBodies.map((h) => h.days)).toEqual([30, 90, 365]);
    expect(report.estimated).toBe(false);
  });
});

describe("OUTGOING_LOG_DAYS", () => {
  it("removes finished deliveries older than N days in batches, and never the queue", async () => {
    const endpoint = await db.webhookEndpoint.create({
      data: { url: "https://hooks.example.com/in", events: ["message.received"], secret: "whsec_x" },
    });
    const old = new Date(Date.now() - 40 * DAY);
    const row = (state: string, updatedAt: Date) => ({
      endpointId: endpoint.id,
      eventType: "message.received",
      data: {},
      state,
      updatedAt,
    });
    await db.webhookDelivery.createMany({
      data: [
        ...Array.from({ length: 7 }, () => row("delivered", old)),
        row("failed", old),
        row("pending", old), // still being retried: the queue
        row("delivering", old),
        row("delivered", new Date(Date.now() - 2 * DAY)),
      ],
    });
    expect(await pruneOutgoingLog(db, { olderThanDays: 30, batchSize: 3 })).toEqual({ removed: 8 });
    const left = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { id: "asc" } });
    expect(left.map((d) => d.state)).toEqual(["pending", "delivering", "delivered"]);
    expect(await pruneOutgoingLog(db, { olderThanDays: 30 })).toEqual({ removed: 0 });
  });
});
