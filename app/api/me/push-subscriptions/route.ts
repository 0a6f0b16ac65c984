import { requireSession, type Principal } from "@/lib/auth/authenticate";
import { hashSecret } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/json-response";
import { pushSubscribed, pushUnsubscribed } from "@/lib/notifications/push-responses";
import {
  pushSubscriptionBody,
  pushUnsubscribeBody,
  removePushSubscription,
  savePushSubscription,
} from "@/lib/notifications/push-subscriptions";

// This browser's Web Push subscription. Signed-in sessions only: pushes last as long as the
// sign-in that asked for them, so an API token (which has none) cannot subscribe a device.

export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireSession(principal);
  const { sessionToken } = principal as Extract<Principal, { kind: "session" }>;
  const sessionId = hashSecret(sessionToken);
  const body = await parseJsonBody(request, pushSubscriptionBody);
  const subscription = await savePushSubscription(
    db(),
    { userId: user.id, sessionId, userAgent: request.headers.get("user-agent") },
    body,
  );
  return jsonResponse(pushSubscribed, { subscription });
});

export const DELETE = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireSession(principal);
  const { endpoint } = await parseJsonBody(request, pushUnsubscribeBody);
  return jsonResponse(pushUnsubscribed, { removed: await removePushSubscription(db(), user.id, endpoint) });
});
