import { resetEnvCache } from "@/lib/env";
import { createEndpoint } from "@/lib/outgoing/endpoints";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// Each test gets its own line, so endpoints filtered to it see only this test's events
// even while other test files ingest into the same database.

export function allowLocalReceiver(): void {
  process.env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
  resetEnvCache();
}

export async function freshLine(): Promise<string> {
  const line = uniqueNumber();
  await callWebhook(
    "receive",
    receiveBody({ sendblue_number: line, to_number: line, date_sent: "2020-01-01T00:00:00Z" }),
  );
  return line;
}

export async function ownerId(): Promise<number> {
  const u = await testDb().user.create({
    data: { email: `o-${Math.random().toString(36).slice(2)}@example.com`, passwordHash: "x", role: "owner" },
  });
  return u.id;
}

export async function endpointFor(line: string, url: string, events: string[], kind: "webhook" | "slack" = "webhook") {
  return createEndpoint(testDb(), { kind, url, events: events as never, line }, await ownerId());
}

/** Makes every waiting delivery of these endpoints due now (instead of waiting out the backoff). */
export async function makeDue(endpointIds: number[]): Promise<void> {
  await testDb().webhookDelivery.updateMany({
    where: { endpointId: { in: endpointIds }, state: "pending" },
    data: { nextAttemptAt: new Date(0) },
  });
  await testDb().webhookEndpoint.updateMany({ where: { id: { in: endpointIds } }, data: { nextPostAt: new Date(0) } });
}

export async function inbound(line: string, contact: string, content: string) {
  return callWebhook(
    "receive",
    receiveBody({ sendblue_number: line, to_number: line, number: contact, from_number: contact, content }),
  );
}
