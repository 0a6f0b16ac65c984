import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heifDimensions, MAX_IMAGE_PIXELS } from "@/lib/media/image-limits";
import { runMediaBatch } from "@/lib/media/worker";
import { testDb } from "@/tests/support/db";
import { callWebhook, receiveBody } from "@/tests/support/webhooks";
import { startFakeStorage, type FakeStorage } from "./fake-storage-server";
import { useMirrorTestEnv } from "./mirror-env";

// Decompression bombs: small files declaring huge images. They must not be decoded in the
// server process; the copy ends `failed`, saying why, and memory stays flat. The files are
// generated here (nothing large is committed): a 16000×16000 PNG that deflates to ~30 KB,
// and the 490-byte HEIC fixture with its declared size rewritten to 20000×20000.

const db = testDb();
let storage: FakeStorage;

beforeAll(async () => {
  useMirrorTestEnv();
  storage = await startFakeStorage();
});
afterAll(() => storage.close());

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A valid 1-bit greyscale PNG of width × height, all black: each row a filter byte and zeros. */
function blackPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale, no interlace: libvips decodes it to a byte per pixel
  const rows = deflateSync(Buffer.alloc((Math.ceil(width / 8) + 1) * height), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", rows),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The HEIC fixture with every `ispe` box claiming width × height. */
function hugeHeic(width: number, height: number): Buffer {
  const bytes = Buffer.from(readFileSync(path.resolve(import.meta.dirname, "../fixtures/media/photo.heic")));
  for (let at = bytes.indexOf("ispe"); at !== -1; at = bytes.indexOf("ispe", at + 4)) {
    bytes.writeUInt32BE(width, at + 8);
    bytes.writeUInt32BE(height, at + 12);
  }
  return bytes;
}

/** Mirrors one attachment while sampling the process's resident memory. */
async function mirrorMeasured(name: string, bytes: Buffer) {
  storage.put(name, bytes);
  const body = receiveBody({ media_url: storage.url(`/mem/${name}/${process.pid}/${name}`) });
  await callWebhook("receive", body);
  const a = await db.mediaAttachment.findFirstOrThrow({ where: { message: { handle: body.message_handle } } });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = Date.now();
  try {
    await runMediaBatch(db, { ids: [a.id] });
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  const row = await db.mediaAttachment.findUniqueOrThrow({ where: { id: a.id } });
  console.log(
    `${name}: ${bytes.length} bytes, ${row.mirrorState}, RSS +${Math.round((peak - baseline) / 2 ** 20)} MB, ${Date.now() - started} ms`,
  );
  return { row, growthMb: (peak - baseline) / 2 ** 20 };
}

describe("image decompression bombs", () => {
  it("refuses a 16000×16000 PNG (256 M pixels) without decoding it: failed, with the reason", {
    timeout: 120_000,
  }, async () => {
    const png = blackPng(16_000, 16_000);
    expect(png.length).toBeLessThan(512 * 1024);
    const { row, growthMb } = await mirrorMeasured("bomb.png", png);
    expect(row.mirrorState).toBe("failed");
    expect(row.lastError).toMatch(/16000×16000 \(256 M pixels\), over the 40 M pixels/);
    expect(row.attempts).toBe(1); // permanent: not retried
    expect(growthMb).toBeLessThan(100);
  });

  it("refuses a HEIC declaring 20000×20000 before decoding it: failed, with the reason", {
    timeout: 120_000,
  }, async () => {
    const heic = hugeHeic(20_000, 20_000);
    expect(heifDimensions(heic)).toEqual({ width: 20_000, height: 20_000 });
    const { row, growthMb } = await mirrorMeasured("bomb.heic", heic);
    expect(row.mirrorState).toBe("failed");
    expect(row.lastError).toMatch(/20000×20000 \(400 M pixels\)/);
    expect(growthMb).toBeLessThan(100);
  });

  it("still keeps an ordinary image under the cap, with its thumbnail", async () => {
    expect(6000 * 4000).toBeLessThan(MAX_IMAGE_PIXELS);
    const { row } = await mirrorMeasured("ok.png", blackPng(6000, 4000));
    expect(row).toMatchObject({ mirrorState: "kept", width: 6000, height: 4000 });
    expect(row.thumbnailKey).not.toBeNull();
  });
});
