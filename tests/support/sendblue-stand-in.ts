import { afterAll } from "vitest";
import { env } from "@/lib/env";
import { startFakeSendblue } from "@/lib/sendblue/fake-sendblue";
import { createSendblueClient } from "@/lib/sendblue/sendblue-client";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";
import { startWebhookReceiver } from "./inbox-http";

/**
 * The Sendblue stand-in, a client for it, and this process's webhook routes over HTTP with the
 * status-callback URL replies give Sendblue, so its callbacks come back here. Closed after the file.
 */
export async function useSendblueStandIn(keyId: string) {
  const receiver = await startWebhookReceiver();
  const secret = `${keyId}-secret`;
  const fake = await startFakeSendblue({ keyId, secret, delayMs: 20 });
  const client = createSendblueClient({ baseUrl: fake.url, keyId, secret });
  const callback = `${receiver.base}/api/webhooks/status?token=${statusCallbackToken(env().SENDBLUE_WEBHOOK_SECRET!)}`;
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });
  return { fake, client, callback };
}
