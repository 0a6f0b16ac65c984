import type { Actor } from "@/lib/activity/record-activity";
import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { changeConversationIn } from "./change-conversation";
import { markUnreadForMember } from "./member-reads";
import type { BulkChange, ConversationChange } from "./workflow-schemas";

// One action over a selection of conversations (the list's `x` selection, or the API).
// Every conversation is changed in one transaction, in id order so two bulk changes that
// overlap lock rows in the same order and cannot deadlock.

function asChange(input: BulkChange): ConversationChange {
  switch (input.action) {
    case "done":
      return { state: "done" };
    case "open":
      return { state: "open" };
    case "snooze":
      return { state: "snoozed", snoozedUntil: input.snoozedUntil ?? null };
    case "assign":
      if (input.assigneeId === undefined)
        throw new ApiError(400, "invalid_request", "assigneeId: required for assign (null to unassign)");
      return { assigneeId: input.assigneeId };
    case "unread":
      throw new Error("unread is not a state change");
  }
}

export async function bulkChange(
  db: Db,
  actor: Actor,
  input: BulkChange,
  now = new Date(),
): Promise<{ changed: number[] }> {
  const ids = [...new Set(input.ids)].sort((a, b) => a - b);
  if (input.action === "unread") {
    if (!actor)
      throw new ApiError(403, "member_required", "Mark as unread needs a signed-in member or a personal API token");
    return { changed: await markUnreadForMember(db, actor, ids) };
  }
  const change = asChange(input);
  return db.$transaction(
    async (tx) => {
      const changed: number[] = [];
      for (const id of ids) if (await changeConversationIn(tx, id, actor, change, now)) changed.push(id);
      return { changed };
    },
    { timeout: 30_000 },
  );
}
