import { describe, expect, it } from "vitest";
import { generateSecret, sign, signedHeaders, verify } from "@/lib/outgoing/sign";

// The reference vector of the Standard Webhooks spec (its libraries' "sign function works"
// test): the same key, id, timestamp and body must give this exact signature.
const SPEC = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("Standard Webhooks signatures", () => {
  it("match the spec's reference vector, with or without the whsec_ prefix", () => {
    expect(sign(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body)).toBe(SPEC.signature);
    expect(sign(SPEC.secret.slice("whsec_".length), SPEC.id, SPEC.timestamp, SPEC.body)).toBe(SPEC.signature);
  });

  it("verify the vector's headers and refuse a changed body, id or stale timestamp", () => {
    const headers = new Headers(signedHeaders(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body));
    expect(headers.get("webhook-signature")).toBe(SPEC.signature);
    const at = SPEC.timestamp * 1000;
    expect(verify(SPEC.secret, headers, SPEC.body, 300, at)).toBe(true);
    expect(verify(SPEC.secret, headers, `${SPEC.body} `, 300, at)).toBe(false);
    expect(verify(SPEC.secret, headers, SPEC.body, 300, at + 301_000)).toBe(false);
    headers.set("webhook-id", "msg_other");
    expect(verify(SPEC.secret, headers, SPEC.body, 300, at)).toBe(false);
  });

  it("generates whsec_ secrets of 24 random bytes", () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(24);
    expect(generateSecret()).not.toBe(a);
  });
});
