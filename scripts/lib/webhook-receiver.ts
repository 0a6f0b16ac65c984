import http from "node:http";
import type { AddressInfo } from "node:net";

// A local webhook receiver (bench:outgoing, bench:ingest --endpoints, the outgoing tests):
// records every request and answers with whatever status `respond` picks (200 by default).

export type Received = { headers: http.IncomingHttpHeaders; body: string; status: number };

export async function startReceiver(respond: (body: string, n: number) => number = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const status = respond(body, received.length);
      received.push({ headers: req.headers, body, status });
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "try later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Bodies the receiver accepted (2xx). */
    accepted: () => received.filter((r) => r.status < 300).map((r) => ({ ...r, json: JSON.parse(r.body) })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
