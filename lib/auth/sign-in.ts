import type { Db } from "@/lib/db/client";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password";
import { createSession } from "./sessions";
import { claimAttempt, recordSuccess, throttleKeys } from "./sign-in-throttle";

// The same answer, after the same work, for a wrong email and a wrong password: an unknown
// email still costs one scrypt verification and one counted attempt. The attempt is counted
// before the password is checked (see sign-in-throttle.ts).

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
  const attempt = await claimAttempt(db, keys);
  if (!attempt.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  const matches = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !matches || user.disabledAt) return { ok: false, reason: "invalid" };
  await recordSuccess(db, keys);
  const session = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent });
  return { ok: true, userId: user.id, ...session };
}
