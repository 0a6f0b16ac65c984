import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { revokeAllSessions } from "./sessions";
import { clearAccountFailures, throttleKeys } from "./sign-in-throttle";

// Team members: created by an owner, by `npm run user:create`, or by the one-time setup.

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) || e.length > 254) throw new ApiError(400, "invalid_email", "Enter a valid email address");
  return e;
}

export async function createUser(
  db: Db,
  input: { email: string; password: string; name?: string | null; role?: "owner" | "member" },
) {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password);
  if (problem) throw new ApiError(400, "weak_password", problem);
  const passwordHash = await hashPassword(input.password);
  const created = await db.user.createManyAndReturn({
    data: [{ email, passwordHash, name: input.name?.trim() || null, role: input.role ?? "member" }],
    skipDuplicates: true,
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
  if (!created[0]) throw new ApiError(409, "email_taken", `${email} already has an account`);
  return created[0];
}

export async function listUsers(db: Db) {
  return db.user.findMany({
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
    orderBy: { id: "asc" },
  });
}

export async function setUserDisabled(db: Db, actorId: number, userId: number, disabled: boolean): Promise<void> {
  if (actorId === userId) throw new ApiError(400, "cannot_disable_self", "You cannot disable your own account");
  const result = await db.user.updateMany({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
  if (!result.count) throw new ApiError(404, "not_found", "No such member");
  if (disabled) await revokeAllSessions(db, userId);
}

export async function removeUser(db: Db, actorId: number, userId: number): Promise<void> {
  if (actorId === userId) throw new ApiError(400, "cannot_remove_self", "You cannot remove your own account");
  const result = await db.user.deleteMany({ where: { id: userId } });
  if (!result.count) throw new ApiError(404, "not_found", "No such member");
}

/**
 * An owner sets another member's password (they forgot it, or it leaked): every session of
 * theirs ends, so whoever held the old one is out. Their own password is changed with the
 * current one instead (changePassword).
 */
export async function resetMemberPassword(db: Db, actorId: number, userId: number, password: string): Promise<void> {
  if (actorId === userId) throw new ApiError(400, "use_change_password", "Change your own password with your current one");
  const problem = passwordProblem(password);
  if (problem) throw new ApiError(400, "weak_password", problem);
  const [user] = await db.user.updateManyAndReturn({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), passwordChangedAt: new Date() },
    select: { email: true },
  });
  if (!user) throw new ApiError(404, "not_found", "No such member");
  await revokeAllSessions(db, userId);
  // Locked out by their own failed guesses, they can sign in with the new password at once.
  await clearAccountFailures(db, throttleKeys(user.email, null));
}

/** Changing a password signs out every other device. */
export async function changePassword(
  db: Db,
  userId: number,
  input: { current: string; next: string; keepSessionToken?: string },
): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    throw new ApiError(400, "wrong_password", "The current password is not right");
  }
  const problem = passwordProblem(input.next);
  if (problem) throw new ApiError(400, "weak_password", problem);
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.next), passwordChangedAt: new Date() },
    select: { id: true },
  });
  await revokeAllSessions(db, userId, input.keepSessionToken);
}
