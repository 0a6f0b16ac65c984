import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBuffer } from "music-metadata";
import sharp from "sharp";
import { GET as mediaGet } from "@/app/api/media/[id]/route";
import { POST as retryPost } from "@/app/api/media/[id]/retry/route";
import { GET as queueGet } from "@/app/api/media/queue/route";
import { GET as sweepGet } from "@/app/api/media/sweep/route";
import { GET as messageGet } from "@/app/api/messages/[handle]/route";
import { runMediaBatch } from "@/lib/media/worker";
import { testDb } from "@/tests/support/db";
import { callWebhook, receiveBody } from "@/tests/support/webhooks";
import { startFakeStorage, type FakeStorage } from "./fake-storage-server";
import { useMirrorTestEnv } from "./mirror-env";

const TOKEN = "test-api-token-0123456789abcdef";
const db = testDb();
let storage: FakeStorage;
let seq = 0;

beforeAll(async () => {
  useMirrorTestEnv();
  storage = await startFakeStorage();
});
afterAll(() => storage.close());

async function keep(fixture: string, name: string) {
  const body = receiveBody({ media_url: storage.url(`/f/${fixture}/${process.pid}-${seq++}/${name}`) });
  await callWebhook("receive", body);
  const a = await db.mediaAttachment.findFirstOrThrow({ where: { message: { handle: body.message_handle } } });
  await runMediaBatch(db, { ids: [a.id] });
  return { id: a.id, handle: body.message_handle };
}

function get(id: number, query = "", headers: Record<string, string> = {}) {
  const request = new Request(`http://inbox.test/api/media/${id}${query}`, {
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
  });
  return mediaGet(request, { params: Promise.resolve({ id: String(id) }) });
}

describe("GET /api/media/<id>", () => {
  it("serves the kept bytes with the sniffed type, cached privately for an hour at most", async () => {
    const { id } = await keep("clip.mp4", "clip.mp4");
    const res = await get(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("cache-control")).toBe("private, max-age=3600");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(6040);
    expect(res.headers.get("content-length")).toBe("6040");
  });

  it("answers a Range request with 206 and exactly those bytes (seeking)", async () => {
    const { id } = await keep("voice.caf", "Audio Message.caf");
    const whole = Buffer.from(await (await get(id)).arrayBuffer());
    const res = await get(id, "", { range: "bytes=100-199" });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${whole.length}`);
    expect(res.headers.get("content-length")).toBe("100");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(whole.subarray(100, 200));
    const tail = await get(id, "", { range: "bytes=-10" });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(whole.length - 10));
    const open = await get(id, "", { range: `bytes=${whole.length - 5}-` });
    expect(open.headers.get("content-range")).toBe(`bytes ${whole.length - 5}-${whole.length - 1}/${whole.length}`);
    const beyond = await get(id, "", { range: `bytes=${whole.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${whole.length}`);
  });

  it("serves an Opus CAF voice note as Ogg Opus that Chrome and Firefox play, the CAF as a download", async () => {
    const { id } = await keep("voice.caf", "Audio Message.caf");
    const res = await get(id);
    expect(res.headers.get("content-type")).toBe("audio/ogg");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="Audio Message.ogg"/);
    const meta = await parseBuffer(Buffer.from(await res.arrayBuffer()), { mimeType: "audio/ogg" });
    expect(meta.format.codec).toBe("Opus");
    expect(meta.format.numberOfChannels).toBe(1);
    expect(meta.format.duration).toBeCloseTo(1.52, 2);
    const original = await get(id, "?variant=original");
    expect(original.headers.get("content-type")).toBe("audio/x-caf");
    expect(original.headers.get("content-disposition")).toMatch(/^attachment/);
  });

  it("serves a JPEG thumbnail of an image", async () => {
    const { id } = await keep("photo.png", "IMG_1.png");
    const res = await get(id, "?variant=thumb");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 64, 48]);
  });

  it("shows HEIC as JPEG by default, the original on request", async () => {
    const { id } = await keep("photo.heic", "IMG_2.HEIC");
    const display = await get(id);
    expect(display.headers.get("content-type")).toBe("image/jpeg");
    expect((await sharp(Buffer.from(await display.arrayBuffer())).metadata()).format).toBe("jpeg");
    expect(display.headers.get("content-disposition")).toContain('filename="IMG_2.jpg"');
    const original = await get(id, "?variant=original");
    expect(original.headers.get("content-type")).toBe("image/heic");
    expect(Buffer.from(await original.arrayBuffer()).length).toBe(490);
  });

  it("serves unknown bytes as a sandboxed download", async () => {
    const { id } = await keep("mystery.bin", "fake.png");
    const res = await get(id);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="fake.png"/);
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("serves a PDF as a sandboxed download, never inline on our origin", async () => {
    const { id } = await keep("doc.pdf", "invoice.pdf");
    for (const query of ["", "?variant=original"]) {
      const res = await get(id, query);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="invoice.pdf"/);
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      expect(res.headers.get("cache-control")).toBe("private, max-age=3600");
    }
  });

  it("needs sign-in, and 404s for what is not kept", async () => {
    const { id } = await keep("photo.jpg", "a.jpg");
    const anonymous = await mediaGet(new Request(`http://inbox.test/api/media/${id}`), {
      params: Promise.resolve({ id: String(id) }),
    });
    expect(anonymous.status).toBe(401);
    const body = receiveBody({ media_url: storage.url(`/gone/${process.pid}-${seq++}.jpg`) });
    await callWebhook("receive", body);
    const gone = await db.mediaAttachment.findFirstOrThrow({ where: { message: { handle: body.message_handle } } });
    const res = await get(gone.id);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_kept");
  });
});

describe("message view, queue, retry, sweep", () => {
  it("presentMessage points at our copy once kept", async () => {
    const { id, handle } = await keep("photo.png", "IMG_3.png");
    const req = new Request(`http://inbox.test/api/messages/${handle}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const res = await messageGet(req, { params: Promise.resolve({ handle }) });
    const json = await res.json();
    const media = (json.message ?? json).media[0];
    expect(media).toMatchObject({
      id,
      state: "kept",
      url: `/api/media/${id}`,
      thumbnailUrl: `/api/media/${id}?variant=thumb`,
      originalUrl: `/api/media/${id}?variant=original`,
      contentType: "image/png",
      width: 64,
      height: 48,
    });
    expect(media.sourceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/f\/photo\.png\//);
  });

  it("lists failures in the queue status and retries a failed one", async () => {
    const body = receiveBody({ media_url: storage.url(`/big/${process.pid}-${seq++}.mov`) });
    await callWebhook("receive", body);
    const a = await db.mediaAttachment.findFirstOrThrow({ where: { message: { handle: body.message_handle } } });
    await runMediaBatch(db, { ids: [a.id] });

    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const status = await (
      await queueGet(new Request("http://inbox.test/api/media/queue", auth), { params: Promise.resolve({}) })
    ).json();
    expect(status.counts.failed).toBeGreaterThanOrEqual(1);
    expect(status.recentFailures.find((f: { id: number }) => f.id === a.id)).toMatchObject({
      state: "failed",
      messageHandle: body.message_handle,
      error: expect.stringMatching(/Too large/),
    });

    const retry = (id: number) =>
      retryPost(new Request(`http://inbox.test/api/media/${id}/retry`, { method: "POST", ...auth }), {
        params: Promise.resolve({ id: String(id) }),
      });
    expect((await retry(a.id)).status).toBe(202);
    expect(await db.mediaAttachment.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      mirrorState: "pending",
      attempts: 0,
    });
    expect((await retry(a.id)).status).toBe(409); // pending is not retryable
    expect((await retry(999_999_999)).status).toBe(404);
  });

  it("the sweep needs the API token or CRON_SECRET", async () => {
    const call = (token?: string) =>
      sweepGet(
        new Request("http://inbox.test/api/media/sweep", {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
        {
          params: Promise.resolve({}),
        },
      );
    expect((await call()).status).toBe(401);
    expect((await call("wrong-token-wrong-token")).status).toBe(401);
  });
});
