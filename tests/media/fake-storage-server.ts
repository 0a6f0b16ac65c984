import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

// Plays Sendblue's storage bucket on 127.0.0.1: fixtures by name, plus the misbehaviours
// the mirror must survive. Like the real bucket it sends no useful content type.

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/media");

export type FakeStorage = {
  url: (p: string) => string;
  /** Serves these bytes at /mem/<name>/… (files a test generates). */
  put: (name: string, bytes: Buffer) => void;
  hits: (p: string) => number;
  close: () => Promise<void>;
};

export async function startFakeStorage(): Promise<FakeStorage> {
  const hits = new Map<string, number>();
  const generated = new Map<string, Buffer>();
  const stalled = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const n = (hits.get(url.pathname) ?? 0) + 1;
    hits.set(url.pathname, n);
    const [, route, ...rest] = url.pathname.split("/");
    const name = rest.at(-1) ?? "";
    const fixture = rest[0] ?? "";
    const send = (file: string) => {
      const bytes = fs.readFileSync(path.join(FIXTURES, file));
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes.length });
      res.end(bytes);
    };
    switch (route) {
      case "f": // /f/<fixture>/<unique>/<name as in the URL>
        return send(fixture);
      case "mem": {
        const bytes = generated.get(fixture);
        if (!bytes) return res.writeHead(404).end();
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes.length });
        return res.end(bytes);
      }
      case "flaky": // /flaky/<fixture>/<unique>: fails twice, then serves
        if (n <= 2) return res.writeHead(503).end("try again");
        return send(fixture);
      case "gone":
        return res.writeHead(404).end("No such object");
      case "slow": // headers and a few bytes, then nothing
        res.writeHead(200, { "content-length": "100000" });
        res.write(Buffer.alloc(10));
        stalled.add(res);
        return;
      case "big": // 2 MiB, streamed without a content-length
        res.writeHead(200);
        for (let i = 0; i < 32; i++) res.write(Buffer.alloc(64 * 1024, i));
        return res.end();
      case "big-declared":
        return res.writeHead(200, { "content-length": String(500 * 1024 * 1024) }).end();
      case "redirect": // /redirect/<url-encoded target>
        return res.writeHead(302, { location: decodeURIComponent(name) }).end();
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    put: (name, bytes) => void generated.set(name, bytes),
    hits: (p) => hits.get(p) ?? 0,
    close: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
