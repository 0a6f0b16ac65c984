import type { SendblueCredentials } from "@/lib/sendblue/sendblue-client";
import { sleep, type RateLimiter } from "./rate-limiter";

// GETs against Sendblue's v2 read API (README, "Sync with Sendblue"): every request first
// takes a slot from the shared rate limiter, and a 429 anyway (another client on the same
// account, a clock apart) is waited out (Retry-After when given) and tried again. The body
// comes back as bytes, because every page is kept raw like a webhook.

export type ReadResponse = { status: number; body: Buffer; waitedMs: number; throttled: number };

export type WaitObserver = (ms: number, reason: "limit" | "429") => void;

export class ReadApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const MAX_429 = 20;

export function createReadApi(
  credentials: SendblueCredentials,
  limiter: RateLimiter,
  options: { timeoutMs?: number } = {},
) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const headers = {
    "sb-api-key-id": credentials.keyId,
    "sb-api-secret-key": credentials.secret,
    accept: "application/json",
  };

  async function get(
    path: string,
    query: Record<string, string | number | undefined>,
    onWait?: WaitObserver,
  ): Promise<ReadResponse> {
    const url = new URL(path, credentials.baseUrl);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
    let waitedMs = 0;
    let throttled = 0;
    for (;;) {
      const limitWait = await limiter.take();
      if (limitWait > 0) {
        waitedMs += limitWait;
        onWait?.(limitWait, "limit");
      }
      let response: Response;
      try {
        response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new ReadApiError(`Could not reach Sendblue: ${(error as Error).message}`, null);
      }
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status === 429 && throttled < MAX_429) {
        throttled++;
        const wait = retryAfterMs(response.headers.get("retry-after"));
        waitedMs += wait;
        onWait?.(wait, "429");
        await sleep(wait);
        continue;
      }
      if (!response.ok) {
        throw new ReadApiError(
          `Sendblue answered ${response.status} to GET ${url.pathname}: ${body.toString("utf8").slice(0, 300)}`,
          response.status,
        );
      }
      return { status: response.status, body, waitedMs, throttled };
    }
  }

  return {
    get,
    listMessages: (query: Record<string, string | number | undefined>, onWait?: WaitObserver) =>
      get("/api/v2/messages", query, onWait),
    getMessage: (handle: string, onWait?: WaitObserver) =>
      get(`/api/v2/messages/${encodeURIComponent(handle)}`, {}, onWait),
    listContacts: (limit: number, offset: number, onWait?: WaitObserver) =>
      get("/api/v2/contacts", { limit, offset }, onWait),
    /** The live event stream (server-sent events); the caller reads and closes the body. */
    async openEvents(signal: AbortSignal): Promise<Response> {
      await limiter.take();
      const response = await fetch(new URL("/api/v2/events", credentials.baseUrl), {
        headers: { ...headers, accept: "text/event-stream" },
        signal,
      });
      if (!response.ok || !response.body) {
        throw new ReadApiError(`Sendblue answered ${response.status} to GET /api/v2/events`, response.status);
      }
      return response;
    },
  };
}

export type ReadApi = ReturnType<typeof createReadApi>;

/** Retry-After in seconds or as an HTTP date; 10 s (Sendblue's window) when absent. */
export function retryAfterMs(value: string | null): number {
  if (value) {
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(120_000, Math.max(250, seconds * 1000));
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.min(120_000, Math.max(250, at - Date.now()));
  }
  return 10_000;
}
