import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { jsonResponse } from "@/lib/http/json-response";
import { unreadCountResponse, unreadOpenConversations } from "@/lib/read/unread-count";
import { viewerIdOf } from "@/lib/workflow/actor";

/** How many open conversations the caller has not read (the tab title's count). */
export const GET = apiRoute({ auth: "token" }, async ({ principal }) =>
  jsonResponse(unreadCountResponse, { unread: await unreadOpenConversations(db(), viewerIdOf(principal)) }),
);
