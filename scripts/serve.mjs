// The inbox's HTTP server: Next.js through its documented custom-server API, in this
// process, with one addition. Route handlers cannot see the TCP peer address, and `next
// start` only fills X-Forwarded-For with it when the client sent none, so a forged
// X-Forwarded-For is indistinguishable from the real address there. Here every request gets
// the socket's address in PEER_HEADER (overwriting anything the client sent under that
// name), and a process-wide flag tells lib/http/client-ip.ts that the header can be trusted.
//
//   node scripts/serve.mjs --port 3000 [--hostname 127.0.0.1] [--dev]
//
// Plain JavaScript so the serving process loads no TypeScript loader.
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const PEER_HEADER = "x-inbox-peer-address";
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    hostname: { type: "string" },
    dev: { type: "boolean", default: false },
  },
});
const port = Number(values.port);

globalThis[Symbol.for("sendblue-inbox.peer-address-header")] = PEER_HEADER;

const app = next({ dev: values.dev, dir: process.cwd(), hostname: values.hostname ?? "localhost", port });
const handle = app.getRequestHandler();

// Signal handlers go in before app.prepare(): the start-up hook it runs (instrumentation.ts →
// lib/realtime/close-streams-on-shutdown.ts) adds its own, which closes the dashboards' open
// event streams, only where a server already handles the signals.
let server;
const stop = () => {
  server?.close();
  app.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

await app.prepare();

server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
if (values.dev) server.on("upgrade", app.getUpgradeHandler());
server.listen(port, values.hostname, () => {
  console.log(`[inbox] listening on http://${values.hostname ?? "localhost"}:${port}`);
});
