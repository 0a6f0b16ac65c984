import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUrl, isPublicAddress, type FetchPolicy } from "@/lib/media/fetch-policy";
import { FetchRefused, HttpStatusError, safeFetch, TimeoutError, TooLargeError } from "@/lib/media/safe-fetch";
import { startFakeStorage, type FakeStorage } from "./fake-storage-server";

const sendblueOnly: FetchPolicy = { allowedHosts: ["storage.googleapis.com", "cdn.sendblue.co"], privateHosts: [] };
const testPolicy: FetchPolicy = { allowedHosts: ["storage.googleapis.com"], privateHosts: ["127.0.0.1"] };

let storage: FakeStorage;
beforeAll(async () => {
  storage = await startFakeStorage();
});
afterAll(() => storage.close());

describe("URL rules", () => {
  it("accepts https on an allowed host", () => {
    expect(checkUrl("https://storage.googleapis.com/b/IMG_1.HEIC", sendblueOnly).hostname).toBe(
      "storage.googleapis.com",
    );
  });

  it.each([
    ["http://storage.googleapis.com/b/x.png", /only https/],
    ["ftp://storage.googleapis.com/x", /only https/],
    ["https://evil.example.com/x.png", /not in MEDIA_ALLOWED_HOSTS/],
    ["https://storage.googleapis.com.evil.com/x.png", /not in MEDIA_ALLOWED_HOSTS/],
    ["https://user:pw@storage.googleapis.com/x.png", /credentials/],
    ["not a url", /not a URL/],
    ["http://127.0.0.1/x", /only https/],
  ])("refuses %s", (url, reason) => {
    expect(() => checkUrl(url, sendblueOnly)).toThrow(reason);
  });

  it("subdomain wildcards match subdomains only", () => {
    const policy = { allowedHosts: ["*.sendblue.co"], privateHosts: [] };
    expect(() => checkUrl("https://cdn.sendblue.co/x", policy)).not.toThrow();
    expect(() => checkUrl("https://evilsendblue.co/x", policy)).toThrow(FetchRefused);
  });

  it("an allowed host given as a private IP literal is still refused", () => {
    const policy = { allowedHosts: ["10.0.0.5", "169.254.169.254", "[::1]"], privateHosts: [] };
    expect(() => checkUrl("https://10.0.0.5/x", policy)).toThrow(/non-public/);
    expect(() => checkUrl("https://169.254.169.254/latest/meta-data", policy)).toThrow(/non-public/);
    expect(() => checkUrl("https://[::1]/x", policy)).toThrow(/non-public/);
  });
});

describe("address classes", () => {
  it.each([
    ["127.0.0.1", false], // loopback
    ["10.1.2.3", false], // private
    ["172.16.0.1", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false], // link-local (cloud metadata)
    ["100.64.0.1", false], // CGNAT
    ["224.0.0.1", false], // multicast
    ["0.0.0.0", false],
    ["::1", false],
    ["fe80::1", false], // link-local
    ["fd12:3456::1", false], // unique-local
    ["ff02::1", false], // multicast
    ["::ffff:10.0.0.1", false], // IPv4-mapped private
    ["::ffff:8.8.8.8", true],
    ["8.8.8.8", true],
    ["142.250.72.16", true],
    ["2607:f8b0:4005:80b::2010", true],
  ])("%s public=%s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("safeFetch", () => {
  it("fetches bytes from an exempt test host over http", async () => {
    const r = await safeFetch(storage.url("/f/photo.png/a"), { policy: testPolicy, maxBytes: 1e6, timeoutMs: 5000 });
    expect(r.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(r.finalUrl).toBe(storage.url("/f/photo.png/a"));
  });

  it("refuses a host that resolves to a private address after DNS (localhost → 127.0.0.1)", async () => {
    const policy = { allowedHosts: ["localhost"], privateHosts: [] };
    // https on port 1: the refusal must come from the DNS check, before any connection.
    await expect(safeFetch("https://localhost:1/x.png", { policy, timeoutMs: 5000 })).rejects.toThrow(
      /localhost resolves to .*non-public/,
    );
  });

  it("re-checks every redirect and refuses one to a private address", async () => {
    const target = encodeURIComponent("https://169.254.169.254/latest/meta-data");
    const policy = { ...testPolicy, allowedHosts: ["169.254.169.254"] };
    await expect(safeFetch(storage.url(`/redirect/${target}`), { policy, timeoutMs: 5000 })).rejects.toThrow(
      /non-public/,
    );
  });

  it("refuses a redirect to a host off the list", async () => {
    const target = encodeURIComponent("https://evil.example.com/x.png");
    await expect(safeFetch(storage.url(`/redirect/${target}`), { policy: testPolicy })).rejects.toThrow(
      /not in MEDIA_ALLOWED_HOSTS/,
    );
  });

  it("follows allowed redirects up to the cap", async () => {
    const hop = (to: string) => storage.url(`/redirect/${encodeURIComponent(to)}`);
    const twice = hop(hop(storage.url("/f/photo.jpg/r")));
    expect((await safeFetch(twice, { policy: testPolicy })).bytes.length).toBeGreaterThan(100);
    await expect(safeFetch(twice, { policy: testPolicy, maxRedirects: 1 })).rejects.toThrow(/more than 1 redirects/);
  });

  it("caps the size while streaming (no content-length) and by the declared length", async () => {
    await expect(
      safeFetch(storage.url("/big/x"), { policy: testPolicy, maxBytes: 1024 * 1024 }),
    ).rejects.toBeInstanceOf(TooLargeError);
    await expect(safeFetch(storage.url("/big-declared/x"), { policy: testPolicy })).rejects.toBeInstanceOf(
      TooLargeError,
    );
    expect(
      (await safeFetch(storage.url("/big/x"), { policy: testPolicy, maxBytes: 4 * 1024 * 1024 })).bytes.length,
    ).toBe(2 * 1024 * 1024);
  });

  it("gives up on a server that stalls mid-body", async () => {
    await expect(safeFetch(storage.url("/slow/x"), { policy: testPolicy, timeoutMs: 300 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
  });

  it("reports the HTTP status of an error answer", async () => {
    const error = await safeFetch(storage.url("/gone/x.jpg"), { policy: testPolicy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(404);
  });
});
