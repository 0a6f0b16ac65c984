import { recordActivity, type Actor } from "@/lib/activity/record-activity";
import type { Db, Tx } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { notifyInbox } from "@/lib/realtime/notify";
import type { LabelView } from "./labels";

// Putting a label on a conversation and taking it off. Both are idempotent in the database
// (the pair is the primary key; ON CONFLICT / deleteMany), and only a real change writes a
// "label" activity line and a "conversation" event (so list rows redraw their chips).

export async function addConversationLabel(
  db: Db,
  actor: Actor,
  conversationId: number,
  which: { labelId?: number; name?: string },
): Promise<{ label: LabelView; changed: boolean }> {
  return db.$transaction(async (tx) => {
    await requireConversation(tx, conversationId);
    const label = await tx.label.findUnique({
      where: which.labelId !== undefined ? { id: which.labelId } : { nameKey: which.name!.toLowerCase() },
      select: { id: true, name: true, color: true },
    });
    if (!label)
      throw new ApiError(
        400,
        "invalid_request",
        which.labelId !== undefined ? `labelId: no label ${which.labelId}` : `name: no label called "${which.name}"`,
      );
    const inserted = await tx.$executeRaw`
      INSERT INTO conversation_labels (conversation_id, label_id) VALUES (${conversationId}, ${label.id})
      ON CONFLICT DO NOTHING`;
    if (inserted) await changed(tx, actor, conversationId, { action: "added", labelId: label.id, name: label.name });
    return { label, changed: inserted > 0 };
  });
}

export async function removeConversationLabel(
  db: Db,
  actor: Actor,
  conversationId: number,
  labelId: number,
): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    await requireConversation(tx, conversationId);
    const label = await tx.label.findUnique({ where: { id: labelId }, select: { name: true } });
    if (!label) throw new ApiError(404, "not_found", `No label ${labelId}`);
    const { count } = await tx.conversationLabel.deleteMany({ where: { conversationId, labelId } });
    if (count) await changed(tx, actor, conversationId, { action: "removed", labelId, name: label.name });
    return { changed: count > 0 };
  });
}

async function requireConversation(tx: Tx, id: number) {
  if (!(await tx.conversation.findUnique({ where: { id }, select: { id: true } })))
    throw new ApiError(404, "not_found", `No conversation ${id}`);
}

async function changed(
  tx: Tx,
  actor: Actor,
  conversationId: number,
  data: { action: "added" | "removed"; labelId: number; name: string },
) {
  await recordActivity(tx, conversationId, actor, { kind: "label", data });
  await notifyInbox(tx, { type: "conversation", conversationId });
}
