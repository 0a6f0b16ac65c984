import { afterEach, describe, expect, it } from "vitest";
import { clientIp, trustedProxyHops } from "@/lib/http/client-ip";
import { parseEnv } from "@/lib/env";

// Only what our own server or our own proxies wrote counts: the TCP peer (recorded by
// scripts/serve.mjs) with TRUSTED_PROXY_HOPS=0, else the hops-th X-Forwarded-For entry from
// the right. A client rotating X-Forwarded-For cannot change its address.

const FLAG = Symbol.for("sendblue-inbox.peer-address-header");
const underServe = () => ((globalThis as Record<symbol, unknown>)[FLAG] = "x-inbox-peer-address");
afterEach(() => delete (globalThis as Record<symbol, unknown>)[FLAG]);

const headers = (h: Record<string, string>) => new Headers(h);

describe("clientIp", () => {
  it("with 0 hops is the socket address serve.mjs recorded, whatever X-Forwarded-For or X-Real-IP say", () => {
    underServe();
    const h = headers({
      "x-inbox-peer-address": "::ffff:203.0.113.9",
      "x-forwarded-for": "198.51.100.1",
      "x-real-ip": "198.51.100.2",
    });
    expect(clientIp(h, 0)).toBe("203.0.113.9");
    for (let i = 0; i < 5; i++) {
      expect(clientIp(headers({ "x-inbox-peer-address": "203.0.113.9", "x-forwarded-for": `10.0.0.${i}` }), 0)).toBe(
        "203.0.113.9",
      );
    }
  });

  it("with 0 hops and no serve.mjs knows nothing (a client-sent peer header or X-Forwarded-For is not believed)", () => {
    expect(
      clientIp(headers({ "x-inbox-peer-address": "203.0.113.9", "x-forwarded-for": "198.51.100.1" }), 0),
    ).toBeNull();
  });

  it("with 1 hop is the entry our proxy appended, not what the client put before it", () => {
    underServe();
    expect(
      clientIp(headers({ "x-inbox-peer-address": "127.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), 1),
    ).toBe("203.0.113.9");
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    // Two proxies (a CDN, then nginx): the CDN's entry.
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" }), 2)).toBe("203.0.113.9");
    // Reached without the proxy: the socket address.
    expect(clientIp(headers({ "x-inbox-peer-address": "192.0.2.7" }), 1)).toBe("192.0.2.7");
  });

  it("defaults to 0 hops, and 1 on Vercel (whose edge overwrites X-Forwarded-For)", () => {
    expect(trustedProxyHops(parseEnv({}))).toBe(0);
    expect(trustedProxyHops(parseEnv({ VERCEL: "1" }))).toBe(1);
    expect(trustedProxyHops(parseEnv({ VERCEL: "1", TRUSTED_PROXY_HOPS: "0" }))).toBe(0);
    expect(trustedProxyHops(parseEnv({ TRUSTED_PROXY_HOPS: "2" }))).toBe(2);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "one" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
