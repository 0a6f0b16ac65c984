import { env } from "@/lib/env";
import { checkUrl, FetchRefused, type FetchPolicy } from "@/lib/media/fetch-policy";

// An endpoint URL passes the media mirror's SSRF rules (lib/media/fetch-policy.ts): https
// only, no credentials in the URL, and no private, loopback or link-local address (literal
// or, at delivery time, resolved; see post-target.ts). Any public host may be a target, so
// the policy's host list is the URL's own host. OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS lets a
// developer point one at a local receiver (plain http allowed for those hosts).

export function targetPolicy(url: URL): FetchPolicy {
  return {
    allowedHosts: [url.hostname.replace(/^\[|\]$/g, "").toLowerCase()],
    privateHosts: env().OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS,
  };
}

/** The URL, checked; throws FetchRefused with the reason. */
export function checkTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefused("not a URL");
  }
  return checkUrl(url, targetPolicy(url));
}

export { FetchRefused };
