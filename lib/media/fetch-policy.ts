import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

// Which URLs the server may fetch on a webhook's behalf: https on an allowed host, and
// never an address inside our own network (checked by safe-fetch after DNS resolution).

export type FetchPolicy = {
  /** Hostnames (exact, or "*.example.com" for subdomains) that may be fetched. */
  allowedHosts: string[];
  /** For tests/dev only: hosts that may use plain http and resolve to private addresses. */
  privateHosts: string[];
};

export class FetchRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchRefused";
  }
}

export function policyFromEnv(): FetchPolicy {
  const e = env();
  return { allowedHosts: e.MEDIA_ALLOWED_HOSTS, privateHosts: e.MEDIA_ALLOW_PRIVATE_HOSTS };
}

/** Strips IPv6 brackets so "[::1]" and "::1" compare equal. */
function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

function hostMatches(host: string, patterns: string[]): boolean {
  return patterns.some((p) => (p.startsWith("*.") ? host.endsWith(p.slice(1)) : host === bareHost(p)));
}

export function isPrivateExempt(hostname: string, policy: FetchPolicy): boolean {
  return hostMatches(bareHost(hostname), policy.privateHosts);
}

/** Throws FetchRefused unless the URL's scheme and host are allowed. */
export function checkUrl(raw: string | URL, policy: FetchPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefused(`not a URL: ${String(raw).slice(0, 200)}`);
  }
  const host = bareHost(url.hostname);
  const exempt = isPrivateExempt(host, policy);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && exempt)) {
    throw new FetchRefused(`only https URLs are fetched (got ${url.protocol})`);
  }
  if (url.username || url.password) throw new FetchRefused("URLs with credentials are not fetched");
  if (!exempt && !hostMatches(host, policy.allowedHosts)) {
    throw new FetchRefused(`host ${host} is not in MEDIA_ALLOWED_HOSTS`);
  }
  if (ipaddr.isValid(host)) checkAddress(host, host, policy);
  return url;
}

/**
 * Only globally routable unicast addresses pass: ipaddr.js names every special range
 * (private, loopback, linkLocal, uniqueLocal, carrierGradeNat, multicast, reserved, …),
 * and IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === "unicast";
}

export function checkAddress(host: string, address: string, policy: FetchPolicy): void {
  if (isPublicAddress(address)) return;
  if (isPrivateExempt(host, policy)) return;
  throw new FetchRefused(`${host} resolves to ${address}, a non-public address`);
}
