import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { NOTIFY_PREFERENCES } from "@/lib/notifications/should-notify";

// A member's own preferences (Settings, PATCH /api/me): round-robin assignment and which
// notifications they get.

export const memberPreferences = z.object({
  autoAssign: z.boolean().describe("Opted in to round-robin assignment of new conversations"),
  notifications: z
    .enum(NOTIFY_PREFERENCES)
    .describe(
      "Browser and Web Push notifications: `all` new messages, `mine_and_unassigned` (conversations assigned to you or to no one), `mentions` only, or `off`; mentions of you count in all but `off`",
    ),
});
export type MemberPreferences = z.infer<typeof memberPreferences>;

export async function readMemberPreferences(db: Db, userId: number): Promise<MemberPreferences> {
  const row = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { autoAssign: true, notifications: true },
  });
  return row;
}

/** Saves the preferences given; answers those (the others are left as they were). */
export async function updateMemberPreferences(
  db: Db,
  userId: number,
  input: Partial<MemberPreferences>,
): Promise<Partial<MemberPreferences>> {
  const saved = await db.user.update({
    where: { id: userId },
    data: input,
    select: { autoAssign: true, notifications: true },
  });
  return Object.fromEntries(Object.keys(input).map((k) => [k, saved[k as keyof MemberPreferences]]));
}
