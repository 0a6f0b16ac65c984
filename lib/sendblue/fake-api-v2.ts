import type http from "node:http";
import { contactCountFor, fakeContact, type FakeHistory, liveInbound, type HistoryMessage } from "./fake-history";

// The stand-in's read API (Sendblue v2; README, "Sync with Sendblue"): message history
// with offset paging, contacts, the live event stream, and Sendblue's rate limit of 100
// requests per 10 s per account (429 with Retry-After past it).

export type RateLimit = { requests: number; windowMs: number };

export type ApiV2Options = {
  history: FakeHistory;
  rateLimit?: RateLimit | false;
  /** Every this many list requests, a message changes and a new one arrives (a live account). */
  churnEvery?: number;
  heartbeatMs?: number;
  /** Sendblue rotates a stream within 15 minutes. */
  rotateMs?: number;
  /** Each event is sent twice, as an at-least-once stream may. */
  duplicateEvents?: boolean;
  contacts?: number;
  /** These list requests (1-based) answer a body that is not a page, as a broken proxy might. */
  brokenListRequests?: number[];
};

export type ApiV2Stats = { requests: number; throttled: number; listRequests: number; streams: number };

type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;

export function createApiV2(options: ApiV2Options) {
  const stats: ApiV2Stats = { requests: 0, throttled: 0, listRequests: 0, streams: 0 };
  const recent: number[] = [];
  const streams = new Set<http.ServerResponse>();
  let eventSeq = 0;
  let churnAt = 0;
  let arrivals = 0;
  const contactCount = options.contacts ?? contactCountFor(options.history.size);

  options.history.onChange((type, message) => broadcast(type, message));

  function broadcast(type: string, message: HistoryMessage) {
    const event = { id: `evt_${++eventSeq}`, type, occurred_at: new Date().toISOString(), data: message, version: 1 };
    const frame = `id: ${event.id}\nevent: ${type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const s of streams) {
      s.write(frame);
      if (options.duplicateEvents) s.write(frame);
    }
  }

  /** Sliding window per account: the oldest of the last N requests must be a window ago. */
  function throttle(reply: Reply): boolean {
    const limit = options.rateLimit;
    if (!limit) return false;
    const now = Date.now();
    while (recent.length && recent[0]! <= now - limit.windowMs) recent.shift();
    if (recent.length < limit.requests) {
      recent.push(now);
      return false;
    }
    stats.throttled++;
    const retryAfter = Math.max(1, Math.ceil((recent[0]! + limit.windowMs - now) / 1000));
    reply(
      429,
      { status: "ERROR", error_code: 4001, error_message: "Rate limit exceeded: 100 requests per 10 seconds" },
      { "retry-after": String(retryAfter) },
    );
    return true;
  }

  function churn() {
    if (!options.churnEvery || ++churnAt % options.churnEvery !== 0) return;
    const target = options.history.nextToDeliver(0);
    if (target) options.history.update(target.message_handle, { status: "DELIVERED" });
    arrivals++;
    options.history.add(liveInbound(`arrived during the walk #${arrivals}`, `LIVE-${Date.now()}-${arrivals}`));
  }

  function openStream(res: http.ServerResponse) {
    stats.streams++;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.write(": connected\n\n");
    streams.add(res);
    const heartbeat = setInterval(() => res.write(`event: heartbeat\ndata: {}\n\n`), options.heartbeatMs ?? 15_000);
    const rotate = setTimeout(() => res.end(), options.rotateMs ?? 15 * 60_000);
    const close = () => {
      clearInterval(heartbeat);
      clearTimeout(rotate);
      streams.delete(res);
    };
    // Only the response's close: the request's fires as soon as its (empty) body is read.
    res.on("close", close);
  }

  /** Handles /api/v2/*; false for any other path. */
  function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, reply: Reply): boolean {
    if (!url.pathname.startsWith("/api/v2/")) return false;
    stats.requests++;
    if (throttle(reply)) return true;
    try {
      if (req.method === "GET" && url.pathname === "/api/v2/messages") {
        stats.listRequests++;
        if (options.brokenListRequests?.includes(stats.listRequests)) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"data":"<html>upstream error</html>"}');
          return true;
        }
        // The account moves between two requests of a walk: a message is delivered (jumping to
        // the end of the updated-at order) and a new one arrives.
        churn();
        const page = options.history.list(url.searchParams);
        reply(200, { status: "OK", ...page });
      } else if (req.method === "GET" && url.pathname.startsWith("/api/v2/messages/")) {
        const message = options.history.get(decodeURIComponent(url.pathname.slice("/api/v2/messages/".length)));
        if (message) reply(200, { status: "OK", data: message });
        else reply(404, { status: "ERROR", error_message: "Message not found" });
      } else if (req.method === "GET" && url.pathname === "/api/v2/contacts") {
        const limit = Number(url.searchParams.get("limit") ?? 100);
        const offset = Number(url.searchParams.get("offset") ?? 0);
        if (!(limit >= 1 && limit <= 1000)) throw new RangeError("limit must be between 1 and 1000");
        if (!(offset >= 0 && offset <= 10_000)) throw new RangeError("offset must be between 0 and 10000");
        const page = [];
        for (let i = offset; i < Math.min(contactCount, offset + limit); i++) page.push(fakeContact(i));
        reply(200, page);
      } else if (req.method === "GET" && url.pathname === "/api/v2/contacts/count") {
        reply(200, { count: contactCount });
      } else if (req.method === "GET" && url.pathname === "/api/v2/events") {
        openStream(res);
      } else {
        reply(404, { status: "ERROR", error_message: `No route ${url.pathname}` });
      }
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      reply(400, { status: "ERROR", error_code: 4000, error_message: error.message });
    }
    return true;
  }

  return {
    handle,
    stats,
    broadcast,
    /** Cuts every open event stream (a network blip); clients must reconnect and repair. */
    dropStreams: () => {
      for (const s of streams) s.destroy();
      streams.clear();
    },
    get openStreams() {
      return streams.size;
    },
  };
}
