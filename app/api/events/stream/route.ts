import { stillAuthenticated } from "@/lib/auth/still-authenticated";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { inboxEventStream } from "@/lib/realtime/sse-stream";

// Server-sent events for open dashboards: every inbox_events notification, live, for as
// long as the caller stays signed in (the stream re-checks and ends when they are not).
export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const caller = principal!;
  const stream = inboxEventStream(request.signal, {
    userId: caller.kind === "automation" ? null : caller.user.id,
    stillAllowed: () => stillAuthenticated(db(), request, caller),
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
