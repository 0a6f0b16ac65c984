// `npm run sendblue:fake`: a local stand-in for Sendblue's API, so replies can be tried with
// no account. Start it, then start the inbox with the variables it prints.
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { startFakeSendblue } from "@/lib/sendblue/fake-sendblue";
import { readLocalSecrets } from "./lib/local-secrets";

const { values } = parseArgs({ options: { port: { type: "string", default: "4010" } } });
const config = env();
const webhookSecret = config.SENDBLUE_WEBHOOK_SECRET ?? readLocalSecrets(config.DATA_DIR)?.webhookSecret;
const fake = await startFakeSendblue({ port: Number(values.port), keyId: "fake-key-id", secret: "fake-secret", webhookSecret });
console.log(`[sendblue:fake] Sendblue stand-in on ${fake.url}. Start the inbox with:
  SENDBLUE_API_BASE_URL=${fake.url} SENDBLUE_API_KEY_ID=fake-key-id SENDBLUE_API_SECRET=fake-secret npm start
Numbers ending 0000 are refused (4002), 1111 fail after sending (10001), 2222 fall back to SMS,
4290 are rate-limited once (429); all others go SENT → DELIVERED.`);
