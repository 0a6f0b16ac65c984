import { z } from "zod";
import { nextCursor } from "@/lib/read/response-schemas";

// The external shapes of a conversation's activity trail (GET /api/conversations/<id>/activity).

export const activityQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const activityItemView = z.looseObject({
  id: z.string().describe("The trail row's id (a bigint, as a string)"),
  kind: z.string().describe("state, assignment, label, note or unread; new kinds may appear"),
  actor: z
    .object({ id: z.number().int().nullable(), name: z.string() })
    .nullable()
    .describe("null: the system or the shared automation token"),
  data: z.unknown().describe("The kind's own shape (lib/activity/record-activity.ts)"),
  createdAt: z.string().describe("ISO 8601 time"),
});

export const activityPage = z.object({ activity: z.array(activityItemView), nextCursor });
