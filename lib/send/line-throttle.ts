import type { Db } from "@/lib/db/client";

// Sendblue allows about one message per second per line. The slot is claimed with a guarded
// UPDATE, so concurrent sends on several server instances still go out one at a time.

export const LINE_SEND_INTERVAL_MS = 1000;

export async function waitForLineSlot(db: Db, lineId: number, options: { maxWaitMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.maxWaitMs ?? 30_000);
  for (;;) {
    const claimed = await db.line.updateMany({
      where: {
        id: lineId,
        OR: [{ lastSendAt: null }, { lastSendAt: { lte: new Date(Date.now() - LINE_SEND_INTERVAL_MS) } }],
      },
      data: { lastSendAt: new Date() },
    });
    if (claimed.count) return;
    if (Date.now() > deadline) throw new Error("Timed out waiting for the line's send slot");
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 200));
  }
}
