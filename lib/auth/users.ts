import type { Db, Tx } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { endPresence } from "@/lib/presence/presence";
import { notifyInbox, type MemberChange } from "@/lib/realtime/notify";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { announceAccessChange, revokeAccess, type Revoked } from "./revoke-access";
import { claimAttempt, clearAccountFailures, recordSuccess, throttleKeys } from "./sign-in-throttle";

// Team members: created by an owner, by `npm run user:create`, or by the one-time setup.

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) || e.length > 254)
    throw new ApiError(400, "invalid_email", "Enter a valid email address");
  return e;
}

export type NewUser = { email: string; passwordHash: string; name: string | null; role: "owner" | "member" };

/** Checks and hashes a new member's details (400 naming what is wrong); stores nothing. */
export async function prepareUser(input: {
  email: string;
  password: string;
  name?: string | null;
  role?: "owner" | "member";
}): Promise<NewUser> {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password);
  if (problem) throw new ApiError(400, "weak_password", problem);
  return {
    email,
    passwordHash: await hashPassword(input.password),
    name: input.name?.trim() || null,
    role: input.role ?? "member",
  };
}

/** Stores a prepared member; 409 when the email already has an account. */
export async function insertUser(db: Db | Tx, user: NewUser) {
  const created = await db.user.createManyAndReturn({
    data: [user],
    skipDuplicates: true,
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
  if (!created[0]) throw new ApiError(409, "email_taken", `${user.email} already has an account`);
  return created[0];
}

export async function createUser(
  db: Db,
  input: { email: string; password: string; name?: string | null; role?: "owner" | "member" },
) {
  const user = await insertUser(db, await prepareUser(input));
  await announceMembersChange(db, user.id, "added");
  return user;
}

/** Tells open pages that the team changed (a "members" event; see lib/realtime/notify.ts). */
async function announceMembersChange(db: Db, userId: number, change: MemberChange): Promise<void> {
  await notifyInbox(db, { type: "members", userId, change });
}

export async function listUsers(db: Db) {
  return db.user.findMany({
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
    orderBy: { id: "asc" },
  });
}

/** Disabling ends every session and API token, so enabling again does not bring them back. */
export async function setUserDisabled(db: Db, actorId: number, userId: number, disabled: boolean): Promise<Revoked> {
  if (actorId === userId) throw new ApiError(400, "cannot_disable_self", "You cannot disable your own account");
  const result = await db.user.updateMany({
    where: { id: userId },
    data: { disabledAt: disabled ? new Date() : null },
  });
  if (!result.count) throw new ApiError(404, "not_found", "No such member");
  const revoked = disabled ? await revokeAccess(db, userId) : { sessions: 0, apiTokens: 0 };
  // Gone from every thread's "is viewing" at once, not when their heartbeat expires.
  if (disabled) await endPresence(db, userId);
  await announceMembersChange(db, userId, disabled ? "disabled" : "enabled");
  return revoked;
}

export async function removeUser(db: Db, actorId: number, userId: number): Promise<void> {
  if (actorId === userId) throw new ApiError(400, "cannot_remove_self", "You cannot remove your own account");
  const result = await db.user.deleteMany({ where: { id: userId } });
  if (!result.count) throw new ApiError(404, "not_found", "No such member");
  await announceAccessChange(db, userId);
  await announceMembersChange(db, userId, "removed");
}

/**
 * An owner sets another member's password (they forgot it, or it leaked): every session and
 * API token of theirs ends, so whoever held the old one is out. Their own password is
 * changed with the current one instead (changePassword).
 */
export async function resetMemberPassword(db: Db, actorId: number, userId: number, password: string): Promise<Revoked> {
  if (actorId === userId)
    throw new ApiError(400, "use_change_password", "Change your own password with your current one");
  const problem = passwordProblem(password);
  if (problem) throw new ApiError(400, "weak_password", problem);
  const [user] = await db.user.updateManyAndReturn({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), passwordChangedAt: new Date() },
    select: { email: true },
  });
  if (!user) throw new ApiError(404, "not_found", "No such member");
  const revoked = await revokeAccess(db, userId);
  // Locked out by their own failed guesses, they can sign in with the new password at once.
  await clearAccountFailures(db, throttleKeys(user.email, null));
  return revoked;
}

/**
 * Changing a password signs out every other device and revokes every API token. The check
 * of the current password counts against the same limit as sign-in (per account and per
 * IP), so a stolen session cannot guess it without bound.
 */
export async function changePassword(
  db: Db,
  userId: number,
  input: { current: string; next: string; keepSessionToken?: string; ip?: string | null },
): Promise<Revoked> {
  const problem = passwordProblem(input.next);
  if (problem) throw new ApiError(400, "weak_password", problem);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  const keys = throttleKeys(user.email, input.ip ?? null);
  const attempt = await claimAttempt(db, keys);
  if (!attempt.allowed) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    throw new ApiError(
      429,
      "too_many_attempts",
      `Too many attempts; try again in ${minutes} minute${minutes > 1 ? "s" : ""}`,
    );
  }
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    throw new ApiError(400, "wrong_password", "The current password is not right");
  }
  await recordSuccess(db, keys);
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.next), passwordChangedAt: new Date() },
    select: { id: true },
  });
  return revokeAccess(db, userId, { keepSessionToken: input.keepSessionToken });
}
