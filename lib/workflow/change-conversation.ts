import type { Actor } from "@/lib/activity/record-activity";
import { recordActivity } from "@/lib/activity/record-activity";
import type { Db, Tx } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { notifyInbox } from "@/lib/realtime/notify";
import type { ConversationChange, ConversationState } from "./workflow-schemas";

// One member's change to a conversation's state, snooze or assignee. The row is locked for
// the change, so two members changing it at once are applied one after the other: the last
// write wins, and each writes its own line to the trail (from what it found, to what it set).

export type ChangeResult = { state: ConversationState; snoozedUntil: string | null; assigneeId: number | null };

const invalid = (field: string, message: string) => new ApiError(400, "invalid_request", `${field}: ${message}`);

/** Checks an assignee id names an enabled member; returns their display name. */
export async function assigneeName(db: Db | Tx, assigneeId: number): Promise<string> {
  const user = await db.user.findUnique({
    where: { id: assigneeId },
    select: { name: true, email: true, disabledAt: true },
  });
  if (!user || user.disabledAt) throw invalid("assigneeId", `no enabled member ${assigneeId}`);
  return user.name ?? user.email;
}

/** Resolves what a change asks for, refusing what cannot be (snooze in the past or without a time). */
function target(change: ConversationChange, now: Date): { state?: ConversationState; snoozedUntil?: Date | null } {
  const until = change.snoozedUntil == null ? change.snoozedUntil : new Date(change.snoozedUntil);
  const state = change.state ?? (until ? "snoozed" : undefined);
  if (state === "snoozed") {
    if (!until) throw invalid("snoozedUntil", "required when state is snoozed");
    if (until.getTime() <= now.getTime()) throw invalid("snoozedUntil", "must be in the future");
    return { state, snoozedUntil: until };
  }
  if (until) throw invalid("snoozedUntil", `only with state snoozed, not ${state}`);
  return state ? { state, snoozedUntil: null } : {};
}

/** Applies a change inside `tx`; false when there is no such conversation. */
export async function changeConversationIn(
  tx: Tx,
  conversationId: number,
  actor: Actor,
  change: ConversationChange,
  now = new Date(),
): Promise<ChangeResult | null> {
  const want = target(change, now);
  const toName = change.assigneeId ? await assigneeName(tx, change.assigneeId) : null;
  const [current] = await tx.$queryRaw<
    { state: ConversationState; snoozed_until: Date | null; assignee_id: number | null }[]
  >`
    SELECT state, snoozed_until, assignee_id FROM conversations WHERE id = ${conversationId} FOR UPDATE`;
  if (!current) return null;
  const stateChanged =
    want.state !== undefined &&
    (want.state !== current.state || want.snoozedUntil?.getTime() !== current.snoozed_until?.getTime());
  const assigneeChanged = change.assigneeId !== undefined && change.assigneeId !== current.assignee_id;
  if (stateChanged || assigneeChanged) {
    await tx.conversation.update({
      where: { id: conversationId },
      data: {
        ...(stateChanged ? { state: want.state, snoozedUntil: want.snoozedUntil ?? null, stateChangedAt: now } : {}),
        ...(assigneeChanged ? { assigneeId: change.assigneeId } : {}),
      },
    });
    if (stateChanged) {
      const snoozed = want.snoozedUntil ? { snoozedUntil: want.snoozedUntil.toISOString() } : {};
      await recordActivity(tx, conversationId, actor, {
        kind: "state",
        data: { from: current.state, to: want.state!, ...snoozed },
      });
    }
    if (assigneeChanged) {
      await recordActivity(tx, conversationId, actor, {
        kind: "assignment",
        data: { from: current.assignee_id, to: change.assigneeId ?? null, toName },
      });
    }
    await notifyInbox(tx, { type: "conversation", conversationId });
  }
  return {
    state: stateChanged ? want.state! : current.state,
    snoozedUntil: stateChanged
      ? (want.snoozedUntil?.toISOString() ?? null)
      : (current.snoozed_until?.toISOString() ?? null),
    assigneeId: assigneeChanged ? (change.assigneeId ?? null) : current.assignee_id,
  };
}

export function changeConversation(
  db: Db,
  conversationId: number,
  actor: Actor,
  change: ConversationChange,
  now = new Date(),
) {
  return db.$transaction((tx) => changeConversationIn(tx, conversationId, actor, change, now));
}
