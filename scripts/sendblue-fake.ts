// `npm run sendblue:fake`: a local stand-in for Sendblue's API, so replies, history import and
// the event stream can be tried with no account. Start it, then start the inbox with the
// variables it prints.
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { startFakeSendblue } from "@/lib/sendblue/fake-sendblue";
import { liveInbound } from "@/lib/sendblue/fake-history";
import { readLocalSecrets } from "./lib/local-secrets";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    // A generated past for `GET /api/v2/messages` (history import, reconcile).
    history: { type: "string", default: "2000" },
    seed: { type: "string", default: "42" },
    // Sendblue's limit is 100 requests per 10 s; `--no-rate-limit` lifts it.
    "no-rate-limit": { type: "boolean", default: false },
    // Every N history requests a message changes and another arrives (0: a still account).
    churn: { type: "string", default: "0" },
    // Seconds between live messages pushed on the event stream (0: none).
    live: { type: "string", default: "0" },
  },
});
const config = env();
const webhookSecret = config.SENDBLUE_WEBHOOK_SECRET ?? readLocalSecrets(config.DATA_DIR)?.webhookSecret;
const fake = await startFakeSendblue({
  port: Number(values.port),
  keyId: "fake-key-id",
  secret: "fake-secret",
  webhookSecret,
  history: { count: Number(values.history), seed: Number(values.seed) },
  apiV2: {
    rateLimit: values["no-rate-limit"] ? false : { requests: 100, windowMs: 10_000 },
    churnEvery: Number(values.churn) || undefined,
  },
});
const liveSeconds = Number(values.live);
if (liveSeconds > 0) {
  let n = 0;
  setInterval(() => {
    n++;
    fake.history.add(liveInbound(`Live message ${n} from the stand-in`, `STANDIN-LIVE-${Date.now()}`, "+15550001234"));
  }, liveSeconds * 1000);
}
// A bench or test harness reads this line to learn the URL.
console.log(`[sendblue:fake] Sendblue stand-in on ${fake.url} (${fake.history.size} messages of history). Start the inbox with:
  SENDBLUE_API_BASE_URL=${fake.url} SENDBLUE_API_KEY_ID=fake-key-id SENDBLUE_API_SECRET=fake-secret npm start
Numbers ending 0000 are refused (4002), 1111 fail after sending (10001), 2222 fall back to SMS,
4290 are rate-limited once (429); all others go SENT → DELIVERED.
Read API: GET /api/v2/messages, /api/v2/messages/<handle>, /api/v2/contacts, /api/v2/events (SSE).`);
