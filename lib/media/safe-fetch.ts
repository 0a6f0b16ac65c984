import dns from "node:dns";
import { createWriteStream } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "@/lib/env";
import { checkAddress, checkUrl, FetchRefused, policyFromEnv, type FetchPolicy } from "./fetch-policy";

// The only way the server fetches a URL it was handed (media links from webhooks). Every
// hop is checked against the policy; DNS answers are checked and the socket connects to
// the very address that was checked (no second lookup an attacker's DNS could change);
// redirects are followed by hand, each one re-checked; the body is capped while streaming.

export type SafeFetchOptions = {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  policy?: FetchPolicy;
  signal?: AbortSignal;
};

export type SafeFetchResult = { bytes: Buffer; contentType: string | null; finalUrl: string };
export type SafeDownloadResult = { size: number; contentType: string | null; finalUrl: string };

/** The source answered with an HTTP error status (404/410 mean the link expired). */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`source answered HTTP ${status}`);
    this.name = "HttpStatusError";
  }
}

export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than the ${maxBytes}-byte limit`);
    this.name = "TooLargeError";
  }
}

export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = "TimeoutError";
  }
}

export { FetchRefused };

/** The body in memory: for what is small by nature (a contact card to preview). */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const { body, contentType, finalUrl } = await fetchWith(rawUrl, options, collect);
  return { bytes: body, contentType, finalUrl };
}

/** The body streamed into `file`, so a 100 MB video never sits in memory. */
export async function safeDownload(
  rawUrl: string,
  file: string,
  options: SafeFetchOptions = {},
): Promise<SafeDownloadResult> {
  const { body, contentType, finalUrl } = await fetchWith(rawUrl, options, (res, maxBytes) =>
    writeTo(file, res, maxBytes),
  );
  return { size: body, contentType, finalUrl };
}

/** Reads a 2xx response's body, failing with TooLargeError past `maxBytes`. */
type Consume<T> = (res: http.IncomingMessage, maxBytes: number) => Promise<T>;

async function fetchWith<T>(rawUrl: string, options: SafeFetchOptions, consume: Consume<T>) {
  const policy = options.policy ?? policyFromEnv();
  const maxBytes = options.maxBytes ?? env().MEDIA_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? env().MEDIA_FETCH_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? 5;

  // One deadline for the whole exchange, redirects included: a server trickling bytes
  // cannot keep a worker busy forever.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  try {
    let url = checkUrl(rawUrl, policy);
    for (let hop = 0; ; hop++) {
      const answer = await requestOnce(url, policy, maxBytes, controller.signal, consume);
      if (answer.kind === "body") return { body: answer.body, contentType: answer.contentType, finalUrl: url.href };
      if (hop >= maxRedirects) throw new FetchRefused(`more than ${maxRedirects} redirects`);
      url = checkUrl(new URL(answer.location, url), policy);
    }
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}

type Answer<T> = { kind: "body"; body: T; contentType: string | null } | { kind: "redirect"; location: string };

/** A DNS lookup that refuses non-public answers and connects to the address it checked. */
export function pinnedLookup(host: string, policy: FetchPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      // Refuse when any answer is non-public, so a DNS round-robin cannot sneak one in.
      try {
        for (const a of addresses) checkAddress(host, a.address, policy);
      } catch (refused) {
        return callback(refused as Error, "", 0);
      }
      const first = addresses[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), "", 0);
      if (options.all) return callback(null, [first] as never, first.family);
      callback(null, first.address, first.family);
    });
  };
}

function requestOnce<T>(
  url: URL,
  policy: FetchPolicy,
  maxBytes: number,
  signal: AbortSignal,
  consume: Consume<T>,
): Promise<Answer<T>> {
  return new Promise<Answer<T>>((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const req = transport.request(url, {
      method: "GET",
      signal,
      lookup: pinnedLookup(url.hostname.replace(/^\[|\]$/g, ""), policy),
      agent: false,
      headers: { "user-agent": "sendblue-inbox-media-mirror", accept: "*/*", "accept-encoding": "identity" },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ kind: "redirect", location: res.headers.location });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return reject(new HttpStatusError(status, url.href));
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        return reject(new TooLargeError(maxBytes));
      }
      consume(res, maxBytes).then(
        (body) => {
          if (!res.complete) return reject(new Error("connection closed before the body was complete"));
          resolve({ kind: "body", body, contentType: res.headers["content-type"] ?? null });
        },
        (error: unknown) => {
          req.destroy();
          reject(error);
        },
      );
    });
    req.end();
  });
}

/** Counts the bytes going through, and stops the stream past the cap. */
class ByteCap extends Transform {
  size = 0;

  constructor(readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error: Error | null, chunk?: Buffer) => void) {
    this.size += chunk.length;
    done(this.size > this.maxBytes ? new TooLargeError(this.maxBytes) : null, chunk);
  }
}

async function collect(res: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // biome-ignore lint/correctness/useYield: the pipeline's sink, so it consumes and yields nothing
  await pipeline(res, new ByteCap(maxBytes), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

async function writeTo(file: string, res: http.IncomingMessage, maxBytes: number): Promise<number> {
  const cap = new ByteCap(maxBytes);
  await pipeline(res, cap, createWriteStream(file));
  return cap.size;
}
