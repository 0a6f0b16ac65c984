import { afterAll, describe, expect, it } from "vitest";
import { runMediaBatch } from "@/lib/media/worker";
import { runImport } from "@/lib/sync/run-import";
import { claimImport } from "@/lib/sync/sync-jobs";
import { testDb } from "../support/db";
import { useMirrorTestEnv } from "../media/mirror-env";
import { allHandles, newJob, startSyncHarness, testPool } from "./sync-harness";

// Imported history's attachments go to the mirror like a webhook's. Sendblue's links expire
// 30 days after the message (the stand-in answers 403 ExpiredToken past that, as signed
// URLs do): an old one must end "expired" at its first try, not be retried for days; a
// recent one is copied.

useMirrorTestEnv();
const DAY = 86_400_000;
const h = await startSyncHarness({
  history: { count: 400, seed: 5505, spanMs: 90 * DAY },
  apiV2: { rateLimit: false },
});
afterAll(() => h.fake.close());

describe("imported media", { timeout: 120_000 }, () => {
  it("ends an attachment older than 30 days as expired at its first try, and keeps a recent one", async () => {
    const job = await claimImport(testPool(), "media", await newJob());
    expect((await runImport(h.deps, job!, { owner: "media" })).state).toBe("done");
    const attachments = await testDb().mediaAttachment.findMany({
      where: { message: { handle: { in: allHandles(h.fake) } } },
      select: { id: true, message: { select: { sentAt: true } } },
    });
    const old = attachments.filter((a) => Date.now() - a.message.sentAt.getTime() > 30 * DAY).map((a) => a.id);
    const recent = attachments.filter((a) => Date.now() - a.message.sentAt.getTime() < 29 * DAY).map((a) => a.id);
    expect(old.length).toBeGreaterThan(0);
    expect(recent.length).toBeGreaterThan(0);

    await runMediaBatch(testDb(), { ids: [...old, ...recent], limit: 100, concurrency: 4 });
    const rows = await testDb().mediaAttachment.findMany({
      where: { id: { in: [...old, ...recent] } },
      select: { id: true, mirrorState: true, attempts: true, lastError: true },
    });
    const state = new Map(rows.map((r) => [r.id, r]));
    for (const id of old) {
      expect(state.get(id)).toMatchObject({
        mirrorState: "expired",
        attempts: 1,
        lastError: expect.stringMatching(/older than Sendblue's 30 days/),
      });
    }
    for (const id of recent) expect(state.get(id)!.mirrorState).toBe("kept");
  });
});
