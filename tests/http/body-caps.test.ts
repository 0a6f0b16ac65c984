import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as setupPost } from "@/app/api/auth/setup/route";
import { POST as signInPost } from "@/app/api/auth/sign-in/route";
import { POST as uploadPost } from "@/app/api/uploads/route";
import { POST as webhookPost } from "@/app/api/webhooks/[type]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/users";
import { resetEnvCache } from "@/lib/env";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/json-body";
import { testDb } from "../support/db";

// Every route that reads a body stops reading at its cap, also when the body comes chunked
// with no Content-Length: the answer is 413 and the sender's stream is cancelled after
// about cap + one chunk, never read to its end.

const CHUNK = 256 * 1024;
const saved = { ...process.env };
let memberToken = "";

beforeAll(async () => {
  // Uploads go to Sendblue; the route checks its client is configured before reading.
  process.env.SENDBLUE_API_KEY_ID = "caps-kid";
  process.env.SENDBLUE_API_SECRET = "caps-sec";
  resetEnvCache();
  const user = await createUser(testDb(), {
    email: `caps-${randomUUID()}@example.com`,
    password: "long enough password",
  });
  memberToken = (await createApiToken(testDb(), user.id, "caps")).token;
});
afterAll(() => {
  process.env = saved;
  resetEnvCache();
});

/** A chunked body of `total` bytes (no Content-Length), counting what the server pulled. */
function endlessBody(total: number) {
  const chunk = new Uint8Array(CHUNK).fill(0x61); // "aaaa…": valid UTF-8, not JSON
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close();
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

function chunkedRequest(path: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const request = new Request(`http://inbox.test${path}`, {
    method: "POST",
    headers: { "sec-fetch-site": "same-origin", ...headers },
    body: stream,
    duplex: "half",
  } as RequestInit);
  expect(request.headers.get("content-length")).toBeNull();
  return request;
}

const noParams = { params: Promise.resolve({}) } as { params: Promise<never> };

describe("request bodies are capped while they are read", () => {
  it.each([
    ["sign-in", "/api/auth/sign-in", signInPost],
    ["setup", "/api/auth/setup", setupPost],
  ])("%s: a chunked 64 MB body gets 413 after reading about the cap", async (_name, path, post) => {
    const { stream, stats } = endlessBody(64 * 1024 * 1024);
    const res = await post(chunkedRequest(path, stream, { "content-type": "application/json" }), noParams);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
    expect(stats.cancelled).toBe(true);
    expect(stats.pulled).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + 2 * CHUNK);
  });

  it("sign-in still answers a small body as before", async () => {
    const body = new TextEncoder().encode(JSON.stringify({ email: "nobody@example.com", password: "wrong password" }));
    const stream = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(body), c.close()) });
    const res = await signInPost(
      chunkedRequest("/api/auth/sign-in", stream, { "content-type": "application/json" }),
      noParams,
    );
    expect(res.status).toBe(401);
  });

  it("uploads: a chunked 400 MB multipart body gets 413 after about 100 MB, never read to its end", async () => {
    const { stream, stats } = endlessBody(400 * 1024 * 1024);
    const res = await uploadPost(
      chunkedRequest("/api/uploads", stream, {
        authorization: `Bearer ${memberToken}`,
        "content-type": "multipart/form-data; boundary=x",
      }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("file_too_large");
    expect(stats.cancelled).toBe(true);
    expect(stats.pulled).toBeLessThan(101 * 1024 * 1024 + 2 * CHUNK);
  });

  it("webhooks: a chunked 16 MB body gets 413 after about 1 MB", async () => {
    const { stream, stats } = endlessBody(16 * 1024 * 1024);
    const res = await webhookPost(
      chunkedRequest("/api/webhooks/receive", stream, {
        "sb-signing-secret": "test-webhook-secret",
        "content-type": "application/json",
      }),
      { params: Promise.resolve({ type: "receive" }) },
    );
    expect(res.status).toBe(413);
    expect(stats.cancelled).toBe(true);
    expect(stats.pulled).toBeLessThanOrEqual(1024 * 1024 + 2 * CHUNK);
  });
});
