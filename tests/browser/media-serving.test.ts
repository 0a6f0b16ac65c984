import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetMediaStorage } from "@/lib/media/storage";
import { runMediaBatch } from "@/lib/media/worker";
import { testDb } from "../support/db";
import { receiveBody } from "../support/webhooks";
import { startFakeStorage, type FakeStorage } from "../media/fake-storage-server";
import { baseUrl, postWebhook, useBrowser } from "./harness";

// Our copies play and display in a real Chromium, signed in with the dashboard cookie:
// video and Opus voice notes seek (Range), HEIC shows as JPEG, thumbnails load. The copy
// is made in this process (the test server runs with MEDIA_WORKER=off) into the same
// DATA_DIR/media the server reads.

let storage: FakeStorage;
const ui = useBrowser();
const db = testDb();

beforeAll(async () => {
  process.env.MEDIA_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
  resetEnvCache();
  resetMediaStorage();
  storage = await startFakeStorage();
});
afterAll(async () => {
  await storage?.close();
});

async function mirrored(fixture: string, name: string) {
  const body = receiveBody({ media_url: storage.url(`/f/${fixture}/${Date.now()}-${Math.random()}/${name}`) });
  expect((await postWebhook("receive", body)).status).toBe(200);
  const a = await db.mediaAttachment.findFirstOrThrow({ where: { message: { handle: body.message_handle } } });
  expect(await runMediaBatch(db, { ids: [a.id] })).toMatchObject({ kept: 1 });
  return { id: a.id, handle: body.message_handle };
}

describe("mirrored media in Chromium", () => {
  it("plays, seeks and displays every previewable kind from /api/media", async () => {
    const video = await mirrored("clip.mp4", "clip.mp4");
    const voice = await mirrored("voice.caf", "Audio Message.caf");
    const heic = await mirrored("photo.heic", "IMG_1.HEIC");
    const card = await mirrored("contact.vcf", "Jane.vcf");

    const { context, page } = await ui.open();
    const ranges: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/media/")) ranges.push(r.headers().range ?? "none");
    });
    await page.goto(`${baseUrl()}/api/health`);
    const result = await page.evaluate(
      async ({ video, voice, heic, handle }) => {
        const load = (tag: "video" | "audio" | "img", src: string) =>
          new Promise<Record<string, unknown>>((resolve) => {
            const el = document.createElement(tag) as HTMLMediaElement & HTMLImageElement;
            if (tag !== "img") {
              el.muted = true;
              el.preload = "auto";
              el.onloadedmetadata = () => {
                el.onseeked = () => resolve({ duration: el.duration, at: el.currentTime });
                el.currentTime = el.duration * 0.7;
              };
            } else {
              el.onload = () => resolve({ width: el.naturalWidth, height: el.naturalHeight });
            }
            el.onerror = () => resolve({ error: tag === "img" ? "img" : el.error?.code });
            el.src = src;
            document.body.append(el);
          });
        const message = await (await fetch(`/api/messages/${handle}`)).json();
        return {
          video: await load("video", `/api/media/${video}`),
          voice: await load("audio", `/api/media/${voice}`),
          heic: await load("img", `/api/media/${heic}`),
          thumb: await load("img", `/api/media/${heic}?variant=thumb`),
          card: (message.message ?? message).media[0].card,
        };
      },
      { video: video.id, voice: voice.id, heic: heic.id, handle: card.handle },
    );
    expect(result.video).toEqual({ duration: expect.closeTo(1, 0), at: expect.closeTo(0.7, 1) });
    expect(result.voice).toEqual({ duration: expect.closeTo(1.52, 2), at: expect.closeTo(1.064, 1) });
    expect(result.heic).toEqual({ width: 64, height: 48 });
    expect(result.thumb).toEqual({ width: 64, height: 48 });
    expect(result.card).toMatchObject({ name: "Jane Appleseed", emails: [{ value: "jane@example.com" }] });
    // Chromium asked for byte ranges, which only work because we answer 206.
    expect(ranges.filter((r) => r.startsWith("bytes="))).not.toHaveLength(0);
    await context.close();
  });
});
