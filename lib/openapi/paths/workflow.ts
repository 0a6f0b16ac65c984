import { activityPage, activityQuery } from "@/lib/activity/activity-schemas";
import { idPath, okBody } from "@/lib/http/common-schemas";
import { bulkChanged, conversationChanged, tabCountsResponse, wakeResult } from "@/lib/workflow/workflow-responses";
import { bulkChange, conversationChange } from "@/lib/workflow/workflow-schemas";
import type { RouteDocs } from "../operation";

// The conversation workflow (issue 14): state, snooze, assignment, per-member unread, the
// inbox tabs and the activity trail. The shared automation token acts as no member: its
// changes show as the system in the trail, and "unread" (per member) refuses it with 403.
// A signed-in browser's state changes must be same-origin (403 otherwise).

const member = ["bearer", "session"] as const;

export const workflowRoutes: RouteDocs = {
  "PATCH /api/conversations/{id}": {
    tag: "Workflow",
    summary: "Change a conversation's state (open, done, snoozed until a time) and/or its assignee",
    description:
      "Send at least one of `state`, `snoozedUntil`, `assigneeId` (null unassigns). `snoozed` needs a future `snoozedUntil`; `assigneeId` must name an enabled member. Each change writes a line to the activity trail.",
    auth: [...member],
    params: idPath,
    body: conversationChange,
    responses: {
      200: { description: "The conversation's workflow fields after the change", schema: conversationChanged },
    },
    errors: [403, 404],
  },
  "POST /api/conversations/bulk": {
    tag: "Workflow",
    summary: "One action (done, open, snooze, assign, unread) for up to 500 conversations",
    description:
      "`snooze` needs `snoozedUntil`; `assign` needs `assigneeId` (null unassigns); `unread` needs a member (not the shared automation token). Ids that do not exist are left out of `changed`.",
    auth: [...member],
    body: bulkChange,
    responses: { 200: { description: "Which conversations it applied to", schema: bulkChanged } },
    errors: [403],
  },
  "POST /api/conversations/{id}/unread": {
    tag: "Workflow",
    summary: "Mark a conversation unread for the calling member (read positions are per member)",
    auth: [...member],
    params: idPath,
    responses: { 200: { description: "Marked", schema: okBody } },
    errors: [403, 404],
  },
  "GET /api/conversations/tabs": {
    tag: "Workflow",
    summary: "How many conversations each inbox tab holds (Mine: the caller's)",
    auth: [...member],
    responses: { 200: { description: "Counts per tab", schema: tabCountsResponse } },
  },
  "GET /api/conversations/{id}/activity": {
    tag: "Workflow",
    summary: "A conversation's activity trail (state, assignment, label, note, unread), oldest first",
    auth: [...member],
    params: idPath,
    query: activityQuery,
    paginated: true,
    responses: { 200: { description: "A page of the trail", schema: activityPage } },
    errors: [404],
  },
  "GET /api/conversations/wake": {
    tag: "Schedulers",
    summary: "Reopen snoozed conversations whose time has come (cron; Vercel Cron sends GET)",
    auth: ["cronSecret"],
    responses: { 200: { description: "How many woke", schema: wakeResult } },
  },
  "POST /api/conversations/wake": {
    tag: "Schedulers",
    summary: "Reopen snoozed conversations whose time has come (cron)",
    auth: ["cronSecret"],
    responses: { 200: { description: "How many woke", schema: wakeResult } },
  },
};
