import { randomUUID } from "node:crypto";
import http from "node:http";
import { createApiV2, type ApiV2Options } from "./fake-api-v2";
import { FakeHistory, type HistoryOptions } from "./fake-history";

// A local stand-in for Sendblue's API: it accepts sends like Sendblue (same paths, headers,
// answers and error codes) and then posts realistic status webhooks to each send's
// status_callback. Contact numbers choose the story:
//   …0000 refused at once (4002 blacklisted)     …1111 accepted, then ERROR 10001
//   …2222 iMessage falls back to SMS (SENT only)  …4290 first answered 429, then accepted
//   …3333 the SENT callback is delivered before the send is answered (the race a slow
//         network gives), then DELIVERED
//   anything else: QUEUED → SENT → DELIVERED, with a duplicate and a late, reordered SENT.
// It also serves the v2 read API (history, contacts, the event stream; fake-api-v2.ts) over
// a generated history, and /media/<epoch ms>/<name> attachment links that, like Sendblue's,
// stop working 30 days after their message (403, as an expired signed URL answers).

export type FakeSendblueOptions = {
  port?: number;
  keyId: string;
  secret: string;
  webhookSecret?: string;
  delayMs?: number;
  history?: Omit<HistoryOptions, "mediaBase">;
  apiV2?: Omit<ApiV2Options, "history">;
};

// A 1×1 PNG: what every live generated attachment link returns.
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const LINK_LIFETIME_MS = 30 * 86400_000;

/** A request the stand-in received, and when (ms since the epoch), to check pacing. */
export type FakeCall = { path: string; body: Record<string, unknown>; at: number };

export async function startFakeSendblue(options: FakeSendblueOptions) {
  const calls: FakeCall[] = [];
  const files = new Map<string, { bytes: Buffer; type: string }>();
  const throttled = new Set<string>();
  const delay = options.delayMs ?? 250;
  let base = "";
  const history = new FakeHistory({ ...options.history, mediaBase: () => base });
  const v2 = createApiV2({ rateLimit: { requests: 100, windowMs: 10_000 }, ...options.apiV2, history });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname.startsWith("/files/")) {
      const file = files.get(url.pathname.split("/")[2] ?? "");
      if (!file) return reply(404, { message: "Not found" });
      res.writeHead(200, { "content-type": file.type, "content-length": file.bytes.length });
      return res.end(file.bytes);
    }
    if (req.method === "GET" && url.pathname.startsWith("/media/")) {
      const sentAt = Number(url.pathname.split("/")[2]);
      if (!(Date.now() - sentAt < LINK_LIFETIME_MS)) return reply(403, { error: "ExpiredToken" });
      res.writeHead(200, { "content-type": "image/png", "content-length": PIXEL.length });
      return res.end(PIXEL);
    }
    if (req.headers["sb-api-key-id"] !== options.keyId || req.headers["sb-api-secret-key"] !== options.secret) {
      return reply(401, { status: "ERROR", error_code: 4000, error_message: "Invalid API credentials" });
    }
    if (url.pathname === "/api/upload-file") {
      const id = randomUUID();
      const { name, bytes, type } = parseMultipartFile(raw, String(req.headers["content-type"] ?? ""));
      files.set(id, { bytes, type });
      calls.push({ path: url.pathname, body: { name, size: bytes.length }, at: Date.now() });
      return reply(200, { status: "OK", media_url: `${base}/files/${id}/${encodeURIComponent(name)}` });
    }
    if (
      v2.handle(req, res, url, (status, payload, headers) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(payload));
      })
    )
      return;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString("utf8") || "{}");
    } catch {
      return reply(400, { status: "ERROR", error_code: 4000, error_message: "Body must be JSON" });
    }
    calls.push({ path: url.pathname, body, at: Date.now() });
    switch (url.pathname) {
      case "/api/send-message":
      case "/api/send-group-message":
        return handleSend(url.pathname, body, reply);
      case "/api/send-typing-indicator":
      case "/api/mark-read":
        return reply(200, { status: "OK" });
      case "/api/send-reaction":
        return handleReaction(body, reply);
      default:
        return reply(404, { status: "ERROR", error_code: 4000, error_message: `No route ${url.pathname}` });
    }
  });

  // Sendblue's documented checks and answers (docs.sendblue.com/api-v2/reactions).
  function handleReaction(body: Record<string, unknown>, reply: (s: number, b: unknown) => void) {
    if (!body.from_number)
      return reply(400, { status: "ERROR", message: "You must specify a valid `from_number` in the request body." });
    if (!body.message_handle)
      return reply(400, { status: "ERROR", message: "You must specify `message_handle` in the request body." });
    if (!["love", "like", "dislike", "laugh", "emphasize", "question"].includes(String(body.reaction))) {
      return reply(400, {
        status: "ERROR",
        message: "Invalid reaction. Must be one of: love, like, dislike, laugh, emphasize, question",
      });
    }
    if (body.part_index !== undefined && !(Number.isInteger(body.part_index) && (body.part_index as number) >= 0)) {
      return reply(400, { status: "ERROR", message: "`part_index` must be a non-negative integer." });
    }
    return reply(200, {
      status: "OK",
      message: "Reaction request sent",
      message_handle: body.message_handle,
      reaction: body.reaction,
    });
  }

  async function handleSend(path: string, body: Record<string, unknown>, reply: (s: number, b: unknown) => void) {
    const number = String(body.number ?? "");
    const group = path.endsWith("group-message");
    if (!body.from_number || (!group && !number) || (group && !body.group_id && !body.numbers)) {
      return reply(400, { status: "ERROR", error_code: 4000, error_message: "number and from_number are required" });
    }
    if (!body.content && !body.media_url)
      return reply(400, { status: "ERROR", error_code: 4000, error_message: "content or media_url is required" });
    if (String(body.content ?? "").length > 18996)
      return reply(400, { status: "ERROR", error_code: 4000, error_message: "content is too long" });
    const replyTo = body.reply_to as { message_handle?: unknown } | undefined;
    if (
      replyTo !== undefined &&
      (typeof replyTo !== "object" || replyTo === null || typeof replyTo.message_handle !== "string")
    ) {
      return reply(400, {
        status: "ERROR",
        error_code: 4000,
        error_message: "reply_to must be { message_handle, part_index? }",
      });
    }
    if (number.endsWith("0000"))
      return reply(400, { status: "ERROR", error_code: 4002, error_message: "This number is blacklisted" });
    if (number.endsWith("4290") && !throttled.has(number)) {
      throttled.add(number);
      return reply(429, { status: "ERROR", error_code: 4001, error_message: "Rate limit exceeded" });
    }
    const message = {
      accountEmail: "demo@example.com",
      content: body.content ?? "",
      is_outbound: true,
      status: "QUEUED",
      error_code: null,
      error_message: null,
      message_handle: randomUUID().toUpperCase(),
      date_sent: new Date().toISOString(),
      date_updated: new Date().toISOString(),
      from_number: body.from_number,
      number: group ? null : number,
      to_number: group ? null : number,
      was_downgraded: null,
      media_url: body.media_url ?? "",
      message_type: group ? "group" : "message",
      group_id: body.group_id ?? "",
      send_style: body.send_style ?? "",
      sendblue_number: body.from_number,
      service: "iMessage",
      ...(replyTo ? { reply_to: replyTo } : {}),
    };
    const callback = typeof body.status_callback === "string" ? body.status_callback : null;
    if (callback && number.endsWith("3333")) await postStatus(callback, { ...message, status: "SENT" });
    reply(200, message);
    if (callback) void postStatuses(callback, message, number);
  }

  function postStatus(callback: string, body: Record<string, unknown>) {
    return fetch(callback, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(options.webhookSecret ? { "sb-signing-secret": options.webhookSecret } : {}),
      },
      body: JSON.stringify({ ...body, date_updated: new Date().toISOString() }),
    }).catch(() => {});
  }

  async function postStatuses(callback: string, message: Record<string, unknown>, number: string) {
    const steps: Record<string, unknown>[] = number.endsWith("1111")
      ? [{ status: "SENT" }, { status: "ERROR", error_code: 10001, error_message: "Failed to send message" }]
      : number.endsWith("2222")
        ? [{ status: "SENT", service: "SMS", was_downgraded: true }]
        : number.endsWith("3333")
          ? [{ status: "DELIVERED" }]
          : [{ status: "SENT" }, { status: "DELIVERED" }, { status: "DELIVERED" }, { status: "SENT" }];
    for (const step of steps) {
      await new Promise((r) => setTimeout(r, delay));
      await postStatus(callback, { ...message, ...step });
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}`;
  return {
    url: base,
    calls,
    history,
    v2,
    close: () =>
      new Promise<void>((r) => {
        v2.dropStreams();
        server.close(() => r());
      }),
  };
}

function parseMultipartFile(raw: Buffer, contentType: string) {
  const boundary = contentType
    .match(/boundary=(?:"([^"]+)"|([^;]+))/)
    ?.slice(1)
    .find(Boolean);
  if (!boundary) return { name: "upload.bin", bytes: raw, type: "application/octet-stream" };
  const text = raw.toString("latin1");
  const start = text.indexOf("\r\n\r\n") + 4;
  const end = text.lastIndexOf(`\r\n--${boundary}`);
  const head = text.slice(0, start);
  return {
    name: head.match(/filename="([^"]*)"/)?.[1] || "upload.bin",
    type: head.match(/Content-Type:\s*([^\r\n]+)/i)?.[1] ?? "application/octet-stream",
    bytes: raw.subarray(start, end),
  };
}
