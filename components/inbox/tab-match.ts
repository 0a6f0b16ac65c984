import type { InboxTab } from "@/lib/workflow/workflow-schemas";
import type { ConversationView } from "./api";

/** Whether a refetched conversation belongs in a tab (as lib/workflow/list-page-ids.ts decides on the server). */
export function matchesTab(c: Pick<ConversationView, "state" | "assignee">, tab: InboxTab, me: number | null): boolean {
  switch (tab) {
    case "all":
      return true;
    case "open":
    case "snoozed":
    case "done":
      return c.state === tab;
    case "mine":
      return c.state === "open" && me !== null && c.assignee?.id === me;
    case "unassigned":
      return c.state === "open" && c.assignee === null;
  }
}
