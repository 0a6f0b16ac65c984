import http from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { S3Storage } from "@/lib/media/storage";

// S3Storage driven by the real AWS SDK against a small S3-protocol stand-in (path-style
// PUT/HEAD/GET with Range), so the requests the SDK really sends are what gets checked.
// There is no S3, R2 or MinIO on the test machines.

const objects = new Map<string, { body: Buffer; type: string }>();
const seen: { method: string; path: string; authorized: boolean }[] = [];

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const key = decodeURIComponent(new URL(req.url ?? "/", "http://s3").pathname);
  seen.push({
    method: req.method ?? "",
    path: key,
    authorized: String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256"),
  });
  if (req.method === "PUT") {
    objects.set(key, { body: Buffer.concat(chunks), type: String(req.headers["content-type"] ?? "") });
    return void res.writeHead(200, { etag: '"1"' }).end();
  }
  const object = objects.get(key);
  if (!object) {
    res.writeHead(404, { "content-type": "application/xml" });
    return void res.end(
      req.method === "HEAD" ? undefined : "<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>",
    );
  }
  const range = /bytes=(\d+)-(\d+)/.exec(String(req.headers.range ?? ""));
  const [start, end] = range ? [Number(range[1]), Number(range[2])] : [0, object.body.length - 1];
  const slice = object.body.subarray(start, end + 1);
  res.writeHead(range ? 206 : 200, {
    "content-type": object.type,
    "content-length": req.method === "HEAD" ? object.body.length : slice.length,
    ...(range ? { "content-range": `bytes ${start}-${end}/${object.body.length}` } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : slice);
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const storage = new S3Storage(
  new S3Client({
    endpoint,
    region: "auto",
    forcePathStyle: true,
    credentials: { accessKeyId: "test", secretAccessKey: "test-secret" },
  }),
  "inbox-media",
);

async function text(stream: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(stream).arrayBuffer()).toString("utf8");
}

describe("S3-compatible storage", () => {
  it("puts, sizes and reads objects (whole and by range), signed, path-style", async () => {
    await storage.put("media/7/original", Buffer.from("0123456789"), "image/png");
    expect(objects.get("/inbox-media/media/7/original")).toMatchObject({ type: "image/png" });
    expect(await storage.size("media/7/original")).toBe(10);
    expect(await text(await storage.read("media/7/original"))).toBe("0123456789");
    expect(await text(await storage.read("media/7/original", { start: 2, end: 5 }))).toBe("2345");
    expect(seen.every((r) => r.authorized)).toBe(true);
  });

  it("reports a missing object as null", async () => {
    expect(await storage.size("media/404/original")).toBeNull();
  });
});
