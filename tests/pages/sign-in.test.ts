import { describe, expect, it } from "vitest";
import { isHttpsRequest, safeNextPath } from "@/lib/auth/safe-redirect";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeNextPath("/events?outcome=failed")).toBe("/events?outcome=failed");
    expect(safeNextPath("/?c=12&m=abc#x")).toBe("/?c=12&m=abc#x");
  });

  it("sends everything else to /", () => {
    for (const next of [undefined, 42, "", "events", "//evil.example", "/\\evil.example", "https://evil.example/x", "/sign-in?next=/x", "javascript:alert(1)"]) {
      expect(safeNextPath(next)).toBe("/");
    }
  });
});

describe("isHttpsRequest", () => {
  it("reads the first x-forwarded-proto hop", () => {
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(isHttpsRequest(new Headers())).toBe(false);
  });
});
