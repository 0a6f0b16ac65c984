import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { checkTarget, FetchRefused } from "@/lib/outgoing/target-guard";

// A browser's Web Push subscription, kept for the member and the sign-in that made it. An
// endpoint is one browser profile's: saving it again (the member signed in anew, or another
// member signed in on that browser) moves it to the new sign-in and keys.

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    .refine((v) => Buffer.from(v, "base64url").length === bytes, `${what} must be ${bytes} bytes`);

/** PushSubscription.toJSON(), as the browser gives it. */
export const pushSubscriptionBody = z.object({
  endpoint: z.url().max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: base64url(65, "keys.p256dh").refine(
      (v) => Buffer.from(v, "base64url")[0] === 4,
      "keys.p256dh must be an uncompressed P-256 point",
    ),
    auth: base64url(16, "keys.auth"),
  }),
});

export const pushUnsubscribeBody = z.object({ endpoint: z.string().min(1).max(2048) });

/** After this many failed pushes in a row (no success between), a subscription is dropped. */
export const MAX_PUSH_FAILURES = 25;

export async function savePushSubscription(
  db: Db,
  owner: { userId: number; sessionId: string; userAgent: string | null },
  input: z.infer<typeof pushSubscriptionBody>,
): Promise<{ id: number; createdAt: string }> {
  try {
    checkTarget(input.endpoint);
  } catch (error) {
    if (error instanceof FetchRefused) throw new ApiError(400, "invalid_request", `endpoint: ${error.message}`);
    throw error;
  }
  const fields = {
    userId: owner.userId,
    sessionId: owner.sessionId,
    p256dh: input.keys.p256dh.replace(/=+$/, ""),
    auth: input.keys.auth.replace(/=+$/, ""),
    userAgent: owner.userAgent?.slice(0, 300) ?? null,
  };
  const row = await db.pushSubscription.upsert({
    where: { endpoint: input.endpoint },
    create: { endpoint: input.endpoint, ...fields },
    update: { ...fields, failureCount: 0, lastError: null },
    select: { id: true, createdAt: true },
  });
  return { id: row.id, createdAt: row.createdAt.toISOString() };
}

/** The member's own subscription only; true when one was removed. */
export async function removePushSubscription(db: Db, userId: number, endpoint: string): Promise<boolean> {
  const { count } = await db.pushSubscription.deleteMany({ where: { userId, endpoint } });
  return count > 0;
}

export async function recordPushSuccess(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db.pushSubscription.updateMany({
    where: { id: { in: ids } },
    data: { lastSuccessAt: new Date(), failureCount: 0, lastError: null },
  });
}

/** A failed push: counted, and the subscription dropped once it has failed too often in a row. */
export async function recordPushFailure(db: Db, id: number, error: string): Promise<void> {
  const [row] = await db.pushSubscription.updateManyAndReturn({
    where: { id },
    data: { failureCount: { increment: 1 }, lastError: error.slice(0, 300) },
    select: { failureCount: true },
  });
  if (row && row.failureCount >= MAX_PUSH_FAILURES)
    await db.pushSubscription.deleteMany({ where: { id, failureCount: { gte: MAX_PUSH_FAILURES } } });
}

/** The push service says the subscription no longer exists (404/410). */
export async function removeGoneSubscriptions(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.pushSubscription.deleteMany({ where: { id: { in: ids } } });
}
