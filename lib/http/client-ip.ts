import { env } from "@/lib/env";

// Which address a request came from, for per-IP sign-in limits and session records.
//
// Trustworthy sources only:
// - The TCP peer. Route handlers cannot see the socket, so `npm start` serves Next.js
//   through scripts/serve.mjs, which writes the socket's address into a header of its own
//   on every request (replacing any copy the client sent) and flags the process. Without
//   that flag (plain `next start`, Vercel, in-process tests) the header means nothing.
// - X-Forwarded-For, but only the entries our own proxies appended: with
//   TRUSTED_PROXY_HOPS = n, the n-th entry from the right is the address the outermost
//   trusted proxy saw. Everything left of it was written by the client and is ignored.
// X-Real-IP is never read: we cannot tell who set it.

const PEER_FLAG = Symbol.for("sendblue-inbox.peer-address-header");

/** The header scripts/serve.mjs fills with the socket address, when this process runs under it. */
function peerHeader(): string | null {
  const name = (globalThis as Record<symbol, unknown>)[PEER_FLAG];
  return typeof name === "string" ? name : null;
}

/**
 * The client's address, or null when nothing trustworthy says it (then only per-account
 * limits apply).
 */
export function clientIp(headers: Headers, hops = trustedProxyHops()): string | null {
  const header = peerHeader();
  const peer = header ? headers.get(header) || null : null;
  if (hops === 0) return peer && normalizeIp(peer);
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return peer && normalizeIp(peer);
  // Fewer entries than trusted hops: the leftmost is the furthest any proxy of ours saw.
  return normalizeIp(forwarded[Math.max(0, forwarded.length - hops)]!);
}

/** TRUSTED_PROXY_HOPS, else 0 (the TCP peer), or 1 on Vercel, whose edge overwrites X-Forwarded-For. */
export function trustedProxyHops(config = env()): number {
  return config.TRUSTED_PROXY_HOPS ?? (config.VERCEL ? 1 : 0);
}

// `::ffff:203.0.113.9` (an IPv4 client on a dual-stack socket) and `203.0.113.9` are one
// client; entries longer than any address are cut so a key cannot grow without bound.
function normalizeIp(ip: string): string {
  const trimmed = ip.slice(0, 64);
  return trimmed.toLowerCase().startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}
