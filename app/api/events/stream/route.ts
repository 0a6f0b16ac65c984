import { apiRoute } from "@/lib/http/api-route";
import { inboxEventStream } from "@/lib/realtime/sse-stream";

// Server-sent events for open dashboards: every inbox_events notification, live.
export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "token" }, async ({ request }) => {
  return new Response(inboxEventStream(request.signal), {
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
