import { apiRoute } from "@/lib/http/api-route";
import { inboxEventStream } from "@/lib/realtime/sse-stream";

// Server-sent events for open dashboards: every inbox_events notification, live.
export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "token" }, async ({ request }) => {
  return new Response(inboxEventStream(request.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
