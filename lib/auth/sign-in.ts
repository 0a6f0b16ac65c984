import type { Db } from "@/lib/db/client";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password";
import { createSession } from "./sessions";
import { clearAccountFailures, recordFailure, throttledFor, throttleKeys } from "./sign-in-throttle";

// The same answer, after the same work, for a wrong email and a wrong password: an unknown
// email still costs one scrypt verification and one failure count.

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.ip);
  const wait = await throttledFor(db, keys);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabledAt: true } });
  const matches = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !matches || user.disabledAt) {
    await recordFailure(db, keys);
    return { ok: false, reason: "invalid" };
  }
  await clearAccountFailures(db, keys);
  const session = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent });
  return { ok: true, userId: user.id, ...session };
}
