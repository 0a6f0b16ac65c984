import { sendJson } from "@/components/shell/api-client";

// The browser's calls to the workflow API (issue 14). Live events bring the results back
// to every open page, this one included, so callers need not patch local state.

async function send(url: string, method: string, body?: unknown): Promise<void> {
  await sendJson(url, method, body);
}

export type WorkflowAction =
  | { action: "done" }
  | { action: "open" }
  | { action: "snooze"; snoozedUntil: string }
  | { action: "assign"; assigneeId: number | null }
  | { action: "unread" };

/** One action for one or many conversations. */
export function applyAction(ids: number[], a: WorkflowAction): Promise<void> {
  if (ids.length === 1) {
    const id = ids[0]!;
    switch (a.action) {
      case "done":
      case "open":
        return send(`/api/conversations/${id}`, "PATCH", { state: a.action });
      case "snooze":
        return send(`/api/conversations/${id}`, "PATCH", { state: "snoozed", snoozedUntil: a.snoozedUntil });
      case "assign":
        return send(`/api/conversations/${id}`, "PATCH", { assigneeId: a.assigneeId });
      case "unread":
        return send(`/api/conversations/${id}/unread`, "POST");
    }
  }
  return send("/api/conversations/bulk", "POST", { ids, ...a });
}
