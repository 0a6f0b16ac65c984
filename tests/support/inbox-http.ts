import http from "node:http";
import { POST as webhookPost } from "@/app/api/webhooks/[type]/route";

// A small HTTP front for the in-process webhook route, so an external party (the Sendblue
// stand-in) can post status callbacks to it without a Next.js server.

export async function startWebhookReceiver() {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://inbox.test");
    const type = url.pathname.split("/").pop() ?? "";
    const response = await webhookPost(
      new Request(url, { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }),
      { params: Promise.resolve({ type }) },
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}
