import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createSession } from "@/lib/auth/sessions";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createUser } from "@/lib/auth/users";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db-tools/migrate";
import { env, inheritedEnv } from "@/lib/env";
import { startFakeSendblue } from "@/lib/sendblue/fake-sendblue";
import { createScratchDatabase } from "@/scripts/lib/database";
import { launchChromium } from "@/scripts/lib/launch-chromium";
import { startProductionServer, type BenchServer } from "@/scripts/lib/next-server";
import { testServerUrl } from "../support/db";
import { freePort } from "../support/free-port";
import { receiveBody, uniqueNumber } from "../support/webhooks";

// Two real servers (scripts/serve.mjs, as `npm start` runs it) on one database of their own,
// each with its media worker on: what runs several servers behind a load balancer must keep
// holding. A webhook taken by one shows live on the other, each attachment is fetched once,
// sends on one line are paced across both, and a queued background job and a snooze's
// wake-up each run once.

const LINE = "+15122164639";
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Db;
let sendblue: Awaited<ReturnType<typeof startFakeSendblue>>;
let media: http.Server;
const mediaHits = new Map<string, number>();
let a: BenchServer;
let b: BenchServer;
let browser: Browser;

async function post(server: BenchServer, body: unknown) {
  const res = await fetch(`${server.base}/api/webhooks/receive`, {
    method: "POST",
    headers: { "content-type": "application/json", "sb-signing-secret": env().SENDBLUE_WEBHOOK_SECRET! },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  scratch = await createScratchDatabase(testServerUrl(), "inbox_two_servers");
  await migrate(scratch.url);
  db = createDb(scratch.url, 3);
  // A job queued for "the server": whichever takes it, it must run once.
  await db.$executeRaw`INSERT INTO background_tasks (name, description, kind, statement)
    VALUES ('two_servers_once', 'Two servers: runs once', 'statement', 'INSERT INTO app_settings (key, value) VALUES (''ran:'' || gen_random_uuid(), ''x'')')`;
  sendblue = await startFakeSendblue({ keyId: "two-key", secret: "two-secret", delayMs: 50 });
  media = http.createServer((req, res) => {
    mediaHits.set(req.url!, (mediaHits.get(req.url!) ?? 0) + 1);
    // A real PNG's first bytes are enough for the type sniffing; the bytes are the same for all.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    res.writeHead(200, { "content-type": "image/png", "content-length": png.length });
    res.end(png);
  });
  await new Promise<void>((r) => media.listen(0, "127.0.0.1", r));
  const portA = await freePort();
  const shared: NodeJS.ProcessEnv = {
    ...inheritedEnv(),
    NODE_ENV: "production",
    DATABASE_URL: scratch.url,
    MEDIA_WORKER: "on",
    MEDIA_DIR: `${env().DATA_DIR}/two-servers-media-${randomUUID()}`,
    MEDIA_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
    MEDIA_ALLOWED_HOSTS: "127.0.0.1",
    SENDBLUE_SYNC_WORKER: "off",
    SENDBLUE_API_BASE_URL: sendblue.url,
    SENDBLUE_API_KEY_ID: "two-key",
    SENDBLUE_API_SECRET: "two-secret",
    // Status callbacks go to A, as they would to the balancer's address.
    PUBLIC_URL: `http://127.0.0.1:${portA}`,
  };
  const log = (line: string) => console.log(`[two-servers] ${line}`);
  // Both store media in one directory, as servers behind one balancer share S3 or a volume.
  a = await startProductionServer(shared, log, { port: portA });
  b = await startProductionServer(shared, log);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await sendblue?.close();
  media?.close();
  await db?.$disconnect();
  await scratch?.drop();
});

describe("two servers on one database", () => {
  it("shows a webhook taken by one server live in a dashboard served by the other", async () => {
    const user = await createUser(db, {
      email: `two-${randomUUID()}@example.com`,
      password: "correct horse battery staple",
      role: "owner",
    });
    const { token } = await createSession(db, user.id);
    const context = await browser.newContext();
    await context.addCookies([
      { name: sessionCookieName(), value: token, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" },
    ]);
    const page = await context.newPage();
    // The first message makes the conversation; the page on B then waits for the second, live.
    const contact = uniqueNumber();
    await post(a, receiveBody({ number: contact, sendblue_number: LINE, content: "first, before the page" }));
    await page.goto(`${b.base}/`);
    await page.getByText("first, before the page").first().waitFor();
    const sent = Date.now();
    await post(a, receiveBody({ number: contact, sendblue_number: LINE, content: "live across servers" }));
    await page.getByText("live across servers").first().waitFor({ timeout: 15_000 });
    console.log(`[two-servers] a webhook posted to A showed on B's page after ${Date.now() - sent} ms`);
    await context.close();
  });

  it("fetches each of 40 attachments once, though both servers' workers share the queue", async () => {
    const base = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
    const urls = Array.from({ length: 40 }, (_, i) => `${base}/m/${randomUUID()}-${i}.png`);
    await Promise.all(
      urls.map((url, i) => post(i % 2 ? b : a, receiveBody({ sendblue_number: LINE, content: "", media_url: url }))),
    );
    const deadline = Date.now() + 90_000;
    let done = 0;
    while (Date.now() < deadline) {
      done = await db.mediaAttachment.count({
        where: { sourceUrl: { in: urls }, mirrorState: { in: ["kept", "failed"] } },
      });
      if (done === urls.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(done).toBe(urls.length);
    expect(await db.mediaAttachment.count({ where: { sourceUrl: { in: urls }, mirrorState: "kept" } })).toBe(
      urls.length,
    );
    const hits = urls.map((u) => mediaHits.get(new URL(u).pathname) ?? 0);
    expect(hits).toEqual(urls.map(() => 1));
  });

  it("paces sends on one line across both servers (one a second), and ran the queued job once", async () => {
    const conversation = await db.conversation.findFirstOrThrow({ where: { line: { number: LINE }, kind: "direct" } });
    const token = env().INBOX_API_TOKEN!;
    const before = sendblue.calls.length;
    await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const res = await fetch(`${(i % 2 ? b : a).base}/api/conversations/${conversation.id}/replies`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ clientId: randomUUID(), content: `paced ${i}` }),
        });
        expect(res.status).toBe(202);
      }),
    );
    const deadline = Date.now() + 30_000;
    const sends = () => sendblue.calls.slice(before).filter((c) => c.path === "/api/send-message");
    while (sends().length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const times = sends()
      .map((c) => c.at)
      .sort((x, y) => x - y);
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    console.log(`[two-servers] gaps between sends on one line: ${gaps.join(", ")} ms`);
    // The slot is claimed before the request leaves; network jitter may shave a little off.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);

    expect(await db.appSetting.count({ where: { key: { startsWith: "ran:" } } })).toBe(1);
    expect((await db.backgroundTask.findUniqueOrThrow({ where: { name: "two_servers_once" } })).state).toBe("done");
  });

  it("wakes a snoozed conversation once, though both servers run the wake-up loop", async () => {
    const body = receiveBody({ number: uniqueNumber(), sendblue_number: LINE, content: "snooze me" });
    await post(a, body);
    const { conversationId } = await db.message.findUniqueOrThrow({
      where: { handle: body.message_handle },
      select: { conversationId: true },
    });
    await db.conversation.update({
      where: { id: conversationId },
      data: { state: "snoozed", snoozedUntil: new Date(Date.now() - 1000), stateChangedAt: new Date() },
    });
    // Each server checks every 15 s; wait for the state, then for a stray second wake-up.
    const deadline = Date.now() + 60_000;
    while (
      (await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).state !== "open" &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).state).toBe("open");
    await new Promise((r) => setTimeout(r, 16_000));
    const woke = await db.conversationActivity.findMany({ where: { conversationId, kind: "state" } });
    expect(woke.map((w) => (w.data as { reason?: string }).reason)).toEqual(["snooze_woke"]);
  }, 120_000);
});
