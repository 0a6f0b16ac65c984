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
      // Not kept alive for another request once the stream ends: a shutdown that ends it
      // (lib/realtime/close-streams-on-shutdown.ts) then frees the socket at once instead of
      // after the keep-alive timeout. The browser opens a new connection to reconnect anyway.
      connection: "close",
      "x-accel-buffering": "no",
    },
  });
});
