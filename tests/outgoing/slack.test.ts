import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { drainOutgoing } from "@/lib/outgoing/deliver";
import { testDb } from "../support/db";
import { callWebhook, statusBody, uniqueHandle, uniqueNumber } from "../support/webhooks";
import { startReceiver } from "@/scripts/lib/webhook-receiver";
import { allowLocalReceiver, endpointFor, freshLine, inbound, makeDue } from "./setup";

// Slack targets: a burst of events is one post (listing them, with links to the threads),
// then the target waits out its window; failed sends are announced, other statuses are not.

const endpoints: number[] = [];
beforeAll(() => {
  allowLocalReceiver();
  process.env.PUBLIC_URL = "https://inbox.example.com";
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.PUBLIC_URL;
  resetEnvCache();
  await testDb().webhookEndpoint.deleteMany({ where: { id: { in: endpoints } } });
});

describe("Slack notices", () => {
  it("posts a burst as one message, and the next burst after the window", async () => {
    const receiver = await startReceiver();
    const line = await freshLine();
    const { endpoint, secret } = await endpointFor(line, receiver.url, ["message.received", "message.status"], "slack");
    endpoints.push(endpoint.id);
    expect(secret).toBeNull();
    const contact = uniqueNumber();
    for (let i = 0; i < 5; i++) await inbound(line, contact, `burst <${i}>`);
    const handle = uniqueHandle();
    const send = {
      sendblue_number: line,
      from_number: line,
      number: contact,
      to_number: contact,
      message_handle: handle,
    };
    await callWebhook("outbound", statusBody({ ...send, status: "QUEUED" }));
    await callWebhook("status", statusBody({ ...send, status: "SENT" }));
    await callWebhook("status", statusBody({ ...send, status: "ERROR", error_message: "Number unreachable" }));

    // Queued a few seconds ahead so the burst gathers: nothing goes out at once.
    expect(await drainOutgoing(testDb(), { endpointIds: [endpoint.id] })).toEqual({ claimed: 0, delivered: 0 });
    await makeDue([endpoint.id]);
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect(receiver.received).toHaveLength(1);
    const text: string = JSON.parse(receiver.received[0]!.body).text;
    expect(text).toContain("5 new messages, 1 failed send");
    expect(text).toContain("burst &lt;4&gt;");
    expect(text).toContain("Number unreachable");
    expect(text).toContain(`<https://inbox.example.com/?c=`);
    expect(text).not.toContain("SENT");

    // Another event inside the window waits for it.
    await inbound(line, contact, "later");
    await testDb().webhookDelivery.updateMany({
      where: { endpointId: endpoint.id, state: "pending" },
      data: { nextAttemptAt: new Date(0) },
    });
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect(receiver.received).toHaveLength(1);
    await makeDue([endpoint.id]);
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect(receiver.received).toHaveLength(2);
    expect(JSON.parse(receiver.received[1]!.body).text).toContain("1 new message\n");
    await receiver.close();
  });
});
