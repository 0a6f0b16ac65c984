import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDue } from "@/lib/media/queue";
import { mirrorAttachment } from "@/lib/media/mirror-attachment";
import { runMediaBatch } from "@/lib/media/worker";
import { testDb } from "@/tests/support/db";
import { callWebhook, receiveBody } from "@/tests/support/webhooks";
import { startFakeStorage, type FakeStorage } from "./fake-storage-server";
import { useMirrorTestEnv } from "./mirror-env";

let storage: FakeStorage;
let mediaDir: string;
const db = testDb();

beforeAll(async () => {
  mediaDir = useMirrorTestEnv();
  storage = await startFakeStorage();
});
afterAll(() => storage.close());

/** A received message with one attachment at `url`; returns the attachment's id. */
async function receiveMedia(url: string): Promise<number> {
  const body = receiveBody({ media_url: url, content: "" });
  expect((await callWebhook("receive", body)).status).toBe(200);
  const row = await db.mediaAttachment.findFirstOrThrow({ where: { message: { handle: body.message_handle } } });
  expect(row.mirrorState).toBe("pending");
  return row.id;
}

/** Runs this attachment's due tries, as the worker would (only our rows: the DB is shared). */
async function mirror(id: number) {
  return runMediaBatch(db, { ids: [id] });
}

async function makeDue(id: number) {
  await db.mediaAttachment.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}

const row = (id: number) => db.mediaAttachment.findUniqueOrThrow({ where: { id } });

describe("every kind is kept with its real type and facts", () => {
  it.each([
    // fixture, name in the URL, kind, content type, width, height, duration range (ms)
    ["photo.png", "IMG_1.png", "image", "image/png", 64, 48, null],
    ["photo.jpg", "IMG_2.jpg", "image", "image/jpeg", 64, 48, null],
    ["photo.heic", "IMG_3.HEIC", "image", "image/heic", 64, 48, null],
    ["anim.gif", "anim.gif", "image", "image/gif", 64, 48, null],
    ["clip.mov", "clip.mov", "video", "video/quicktime", null, null, null],
    ["clip.mp4", "clip.mp4", "video", "video/mp4", null, null, [1000, 1300]],
    ["voice.caf", "Audio Message.caf", "audio", "audio/x-caf", null, null, [1400, 1600]],
    ["contact.vcf", "Jane.vcf", "contact", "text/vcard", null, null, null],
    ["doc.pdf", "doc.pdf", "pdf", "application/pdf", null, null, null],
    // The URL claims PNG; the bytes are nothing we know, so it is kept as an opaque file.
    ["mystery.bin", "fake.png", "file", "application/octet-stream", null, null, null],
  ] as const)("%s", async (fixture, urlName, kind, contentType, width, height, duration) => {
    const id = await receiveMedia(storage.url(`/f/${fixture}/${id_()}/${encodeURIComponent(urlName)}`));
    expect(await mirror(id)).toMatchObject({ claimed: 1, kept: 1 });
    const a = await row(id);
    expect(a).toMatchObject({ mirrorState: "kept", kind, contentType, width, height, lastError: null, leaseId: null });
    const original = fs.readFileSync(path.resolve("tests/fixtures/media", fixture));
    expect(a.byteSize).toBe(original.length);
    expect(fs.readFileSync(path.join(mediaDir, a.storageKey!))).toEqual(original);
    if (duration) {
      expect(a.durationMs).toBeGreaterThanOrEqual(duration[0]);
      expect(a.durationMs).toBeLessThanOrEqual(duration[1]);
    }
    if (kind === "image") expect(a.thumbnailKey).toBe(`media/${id}/thumb.jpg`);
    else expect(a.thumbnailKey).toBeNull();
    const display = { "image/heic": `media/${id}/display.jpg`, "audio/x-caf": `media/${id}/display.ogg` }[
      contentType as string
    ];
    expect(a.displayKey).toBe(display ?? null);
  });

  it.each([
    ["clip.mp4", "video", "video/mp4", [1000, 1300]],
    ["photo.png", "image", "image/png", null],
  ] as const)(
    "streams %s past the in-memory limit: typed by its head, measured from the file, no thumbnail",
    async (fixture, kind, contentType, duration) => {
      const id = await receiveMedia(storage.url(`/f/${fixture}/${id_()}/${fixture}`));
      expect(await runMediaBatch(db, { ids: [id], inMemoryMax: 100 })).toMatchObject({ claimed: 1, kept: 1 });
      const a = await row(id);
      expect(a).toMatchObject({
        mirrorState: "kept",
        kind,
        contentType,
        width: null,
        height: null,
        thumbnailKey: null,
        displayKey: null,
      });
      const original = fs.readFileSync(path.resolve("tests/fixtures/media", fixture));
      expect(a.byteSize).toBe(original.length);
      expect(fs.readFileSync(path.join(mediaDir, a.storageKey!))).toEqual(original);
      if (duration) expect(a.durationMs).toBeGreaterThanOrEqual(duration[0]);
      if (duration) expect(a.durationMs).toBeLessThanOrEqual(duration[1]);
    },
  );

  it("leaves no download behind in the temporary directory, kept or failed", async () => {
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("inbox-media-")).length;
    const kept = await receiveMedia(storage.url(`/f/photo.jpg/${id_()}/a.jpg`));
    const gone = await receiveMedia(storage.url(`/gone/${id_()}/b.jpg`));
    await runMediaBatch(db, { ids: [kept, gone] });
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("inbox-media-")).length).toBe(before);
  });

  it("parses a contact card into name, numbers, emails and organisation", async () => {
    const id = await receiveMedia(storage.url(`/f/contact.vcf/${id_()}/Jane.vcf`));
    await mirror(id);
    expect((await row(id)).card).toEqual({
      name: "Jane Appleseed",
      organization: "Example Co, Sales",
      numbers: [
        { value: "(512) 555-0100", e164: "+15125550100", types: ["cell"] },
        { value: "+44 20 7946 0958", e164: "+442079460958", types: ["home"] },
      ],
      emails: [{ value: "jane@example.com", types: ["internet"] }],
    });
  });
});

describe("failures", () => {
  it("404 at the source means the link expired; no retry", async () => {
    const id = await receiveMedia(storage.url(`/gone/${id_()}.jpg`));
    expect(await mirror(id)).toMatchObject({ expired: 1 });
    const a = await row(id);
    expect(a.mirrorState).toBe("expired");
    expect(a.lastError).toMatch(/HTTP 404.*expired/);
  });

  it("a server that fails then succeeds: backoff, then kept", async () => {
    const p = `/flaky/photo.png/${id_()}`;
    const id = await receiveMedia(storage.url(p));
    expect(await mirror(id)).toMatchObject({ pending: 1 });
    let a = await row(id);
    expect(a).toMatchObject({ mirrorState: "pending", attempts: 1, lastError: "source answered HTTP 503" });
    expect(a.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // waits out a backoff
    expect(await mirror(id)).toMatchObject({ claimed: 0 }); // not due yet
    await makeDue(id);
    expect(await mirror(id)).toMatchObject({ pending: 1 });
    expect((await row(id)).attempts).toBe(2);
    await makeDue(id);
    expect(await mirror(id)).toMatchObject({ kept: 1 });
    a = await row(id);
    expect(a).toMatchObject({ mirrorState: "kept", attempts: 3, lastError: null });
    expect(storage.hits(p)).toBe(3);
  });

  it("a slow server times out, is retried, and fails with the reason after the max", async () => {
    const id = await receiveMedia(storage.url(`/slow/${id_()}.mp4`));
    for (let attempt = 1; attempt <= 3; attempt++) {
      if (attempt > 1) await makeDue(id);
      await mirror(id);
      expect((await row(id)).attempts).toBe(attempt);
    }
    const a = await row(id);
    expect(a.mirrorState).toBe("failed");
    expect(a.lastError).toMatch(/no complete answer within 1000 ms/);
  });

  it("an oversized file fails at once with the reason", async () => {
    const id = await receiveMedia(storage.url(`/big/${id_()}.mov`));
    expect(await mirror(id)).toMatchObject({ failed: 1 });
    expect((await row(id)).lastError).toMatch(/Too large: larger than the 1048576-byte limit/);
  });

  it("a redirect to a private address is refused", async () => {
    const target = encodeURIComponent("https://169.254.169.254/latest/meta-data");
    const id = await receiveMedia(storage.url(`/redirect/${id_()}/${target}`));
    expect(await mirror(id)).toMatchObject({ failed: 1 });
    expect((await row(id)).lastError).toMatch(/Refused: .*169\.254\.169\.254.*non-public/);
  });
});

describe("restarts and races", () => {
  it("a copy interrupted by a restart is taken again after its lease, and never recorded twice", async () => {
    const p = `/f/photo.jpg/${id_()}/IMG_9.jpg`;
    const id = await receiveMedia(storage.url(p));
    // Worker A claims the row and dies before finishing.
    const [claimA] = await claimDue(db, { limit: 1, leaseMs: 60_000, ids: [id] });
    expect(claimA).toBeDefined();
    expect((await row(id)).mirrorState).toBe("copying");
    // While A's lease runs nobody else takes the row.
    expect(await mirror(id)).toMatchObject({ claimed: 0 });
    // The lease runs out (the clock moves on): the row is due again and B copies it.
    await makeDue(id);
    expect(await mirror(id)).toMatchObject({ claimed: 1, kept: 1 });
    const kept = await row(id);
    expect(kept.attempts).toBe(2);
    // A was only slow, not dead: its late finish must change nothing.
    expect(await mirrorAttachment(db, claimA!)).toBe("lease-lost");
    expect(await row(id)).toEqual(kept);
    expect(fs.readdirSync(path.join(mediaDir, `media/${id}`)).sort()).toEqual(["original", "thumb.jpg"]);
  });

  it("parallel workers never claim the same row (SKIP LOCKED)", async () => {
    const ids = await Promise.all(
      Array.from({ length: 6 }, () => receiveMedia(storage.url(`/f/photo.png/${id_()}/x.png`))),
    );
    const claims = await Promise.all(Array.from({ length: 4 }, () => claimDue(db, { limit: 6, leaseMs: 60_000, ids })));
    const claimed = claims
      .flat()
      .map((c) => c.id)
      .sort();
    expect(claimed).toEqual([...ids].sort());
    for (const c of claims.flat()) expect(await mirrorAttachment(db, c)).toBe("kept");
  });
});

let counter = 0;
function id_() {
  return `${process.pid}-${Date.now()}-${counter++}`;
}
