import { describe, expect, it } from "vitest";
import { isHttpsRequest, safeNextPath } from "@/lib/auth/safe-redirect";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeNextPath("/events?outcome=failed")).toBe("/events?outcome=failed");
    expect(safeNextPath("/?c=12&m=abc#x")).toBe("/?c=12&m=abc#x");
  });

  it("sends everything else to /", () => {
    for (const next of [
      undefined,
      42,
      "",
      "events",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/x",
      "/sign-in?next=/x",
      "javascript:alert(1)",
    ]) {
      expect(safeNextPath(next)).toBe("/");
    }
  });

  // The URL parser normalises these into `//x` (another site) or drops the whitespace that
  // kept them apart; browsers read `\` as `/`. Each must come out as a same-origin path.
  it("never lets a normalised or encoded path become another origin", () => {
    const hostile = [
      "/.//evil.example",
      "/..//evil.example",
      "/%2e//evil.example",
      "/%2E%2E//evil.example",
      "/./\\evil.example",
      "/\\evil.example",
      "/\tevil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/%09/evil.example",
      "/%0a/evil.example",
      "/%0d/evil.example",
      "/%00/evil.example",
      "/%5c/evil.example",
      "/%5C%5Cevil.example",
      "/%2f/evil.example",
      "/%2F%2Fevil.example",
      "//evil.example",
      "///evil.example",
      "https://evil.example",
      "http:/evil.example",
      "javascript:alert(1)",
      "/x/../..//evil.example",
      "/a/%2e%2e//evil.example",
    ];
    for (const next of hostile) {
      expect(safeNextPath(next), JSON.stringify(next)).toBe("/");
    }
  });

  it("still keeps ordinary paths, encoded characters in them and dot segments that stay on the site", () => {
    expect(safeNextPath("/search?q=caf%C3%A9%20au%20lait")).toBe("/search?q=caf%C3%A9%20au%20lait");
    expect(safeNextPath("/a/../events")).toBe("/events");
    expect(safeNextPath("/?c=1&m=ABC-123")).toBe("/?c=1&m=ABC-123");
  });
});

describe("isHttpsRequest", () => {
  it("reads the first x-forwarded-proto hop", () => {
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(isHttpsRequest(new Headers())).toBe(false);
  });
});
