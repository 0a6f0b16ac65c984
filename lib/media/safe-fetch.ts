import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
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

export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
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
      const answer = await requestOnce(url, policy, maxBytes, controller.signal);
      if (answer.kind === "body") return { bytes: answer.bytes, contentType: answer.contentType, finalUrl: url.href };
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

type Answer = { kind: "body"; bytes: Buffer; contentType: string | null } | { kind: "redirect"; location: string };

function pinnedLookup(host: string, policy: FetchPolicy): LookupFunction {
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

function requestOnce(url: URL, policy: FetchPolicy, maxBytes: number, signal: AbortSignal): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
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
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          req.destroy();
          return reject(new TooLargeError(maxBytes));
        }
        chunks.push(chunk);
      });
      res.on("error", reject);
      res.on("end", () => {
        if (!res.complete) return reject(new Error("connection closed before the body was complete"));
        resolve({ kind: "body", bytes: Buffer.concat(chunks), contentType: res.headers["content-type"] ?? null });
      });
    });
    req.end();
  });
}
