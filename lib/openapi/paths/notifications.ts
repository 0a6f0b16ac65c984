import { pushSubscribed, pushUnsubscribed } from "@/lib/notifications/push-responses";
import { pushSubscriptionBody, pushUnsubscribeBody } from "@/lib/notifications/push-subscriptions";
import { unreadCountResponse } from "@/lib/read/unread-count";
import type { RouteDocs } from "../operation";

export const notificationRoutes: RouteDocs = {
  "GET /api/conversations/unread-count": {
    tag: "Notifications",
    summary: "How many open conversations you have not read (the tab title's count)",
    auth: ["session", "bearer"],
    responses: { 200: { description: "The count", schema: unreadCountResponse } },
  },
  "POST /api/me/push-subscriptions": {
    tag: "Notifications",
    summary: "Send Web Push notifications to this browser (its PushSubscription as JSON; signed-in sessions only)",
    description:
      "Pushes go to the subscription while the session that saved it lasts. Saving an endpoint again moves it to this member and session. The endpoint must be an https URL on a public address.",
    auth: ["session"],
    body: pushSubscriptionBody,
    responses: { 200: { description: "Saved", schema: pushSubscribed } },
    errors: [403],
  },
  "DELETE /api/me/push-subscriptions": {
    tag: "Notifications",
    summary: "Stop Web Push notifications to this browser (your own subscriptions only)",
    auth: ["session"],
    body: pushUnsubscribeBody,
    responses: { 200: { description: "Removed, or there was none", schema: pushUnsubscribed } },
    errors: [403],
  },
};
