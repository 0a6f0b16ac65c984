import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { drainOutgoing } from "@/lib/outgoing/deliver";
import { testDb } from "../support/db";
import { startReceiver } from "@/scripts/lib/webhook-receiver";
import { seriousViolations } from "./axe";
import { baseUrl, screenshot, useBrowser } from "./harness";
import { post, uniqueLine, uniqueNumber } from "./inbox-fixtures";
import { receiveBody } from "../support/webhooks";

// Settings → Integrations: an owner adds a webhook endpoint (the secret shown once), events
// are delivered to a local receiver (which fails the first try), the delivery log shows the
// response codes and resends; a Slack target and an endpoint disabled after a day of
// failures are listed with their status. The server sends nothing itself here
// (OUTGOING_WORKER=off): this process delivers with drainOutgoing.

const ui = useBrowser();
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const line = uniqueLine();

beforeAll(async () => {
  process.env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
  resetEnvCache();
  receiver = await startReceiver((_, n) => (n === 0 ? 500 : 200));
  await post("receive", receiveBody({ sendblue_number: line, to_number: line, date_sent: "2020-01-01T00:00:00Z" }));
});

afterAll(async () => {
  await receiver?.close();
  await testDb().webhookEndpoint.deleteMany({
    where: { OR: [{ url: receiver.url }, { url: { startsWith: "https://hooks.slack.com/services/T000" } }] },
  });
});

describe("/settings Integrations", { timeout: 240_000 }, () => {
  it("adds an endpoint, shows its secret once, its deliveries with response codes, and resends", async () => {
    const { page } = await ui.open();
    await page.goto(`${baseUrl()}/settings`);
    const section = page.getByRole("region", { name: "Integrations" });
    await section.getByLabel("URL (https)").fill(receiver.url);
    await section.getByLabel("Line (optional)").fill(line);
    await section.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await section.getByTestId("endpoint-secret").textContent();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = await testDb().webhookEndpoint.findFirstOrThrow({ where: { url: receiver.url } });
    expect(endpoint.secret).toBe(secret);
    expect(endpoint.events).toEqual([
      "message.received",
      "message.sent",
      "message.status",
      "attachment.kept",
      "conversation.updated",
    ]);

    // A refused target is explained. (The form clears itself once the add is done: wait for
    // that, or it can wipe the URL typed next.)
    await expect.poll(() => section.getByLabel("URL (https)").inputValue()).toBe("");
    await section.getByLabel("URL (https)").fill("https://10.0.0.1/hook");
    await section.getByRole("button", { name: "Add endpoint" }).click();
    await section
      .getByRole("alert")
      .getByText(/non-public address/)
      .waitFor();

    for (const text of ["Do you ship to Austin?", "And on Sundays?"]) {
      await post(
        "receive",
        receiveBody({ sendblue_number: line, to_number: line, number: uniqueNumber(), content: text }),
      );
    }
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] }); // the first try fails (500)
    await testDb().webhookDelivery.updateMany({
      where: { endpointId: endpoint.id, state: "pending" },
      data: { nextAttemptAt: new Date(0) },
    });
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect(receiver.accepted()).toHaveLength(2);

    // A Slack target, and an endpoint that was disabled after failing for a day.
    await testDb().webhookEndpoint.create({
      data: {
        kind: "slack",
        url: "https://hooks.slack.com/services/T000/B000/XXXX",
        events: ["message.received", "message.status"],
      },
    });
    await testDb().webhookEndpoint.create({
      data: {
        url: "https://hooks.slack.com/services/T000/crm-gone",
        events: ["message.received"],
        enabled: false,
        disabledReason: "Disabled after failing for a day: HTTP 410: gone",
      },
    });

    await page.reload();
    const row = section.getByRole("listitem").filter({ hasText: receiver.url });
    await row.getByRole("button", { name: "Deliveries" }).click();
    const log = row.getByRole("table");
    await log.getByText("delivered").first().waitFor();
    expect(await log.getByRole("row").count()).toBe(3);
    await log.getByText(/200/).first().waitFor();
    await section.getByText("Disabled: Disabled after failing for a day: HTTP 410: gone").waitFor();
    expect(await seriousViolations(page, "#integrations-heading + *")).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "settings-integrations-light");

    const { page: dark } = await ui.open({ colorScheme: "dark" });
    await dark.goto(`${baseUrl()}/settings`);
    const darkRow = dark
      .getByRole("region", { name: "Integrations" })
      .getByRole("listitem")
      .filter({ hasText: receiver.url });
    await darkRow.getByRole("button", { name: "Deliveries" }).click();
    await darkRow.getByRole("table").getByText("delivered").first().waitFor();
    expect(await seriousViolations(dark)).toEqual([]);
    await dark.getByRole("region", { name: "Integrations" }).scrollIntoViewIfNeeded();
    await screenshot(dark, "settings-integrations-dark");

    // Resend: the delivered event goes back to the queue (same webhook-id).
    await log
      .getByRole("button", { name: /^Resend evt_/ })
      .first()
      .click();
    await log.getByText("pending").first().waitFor();
    await drainOutgoing(testDb(), { endpointIds: [endpoint.id] });
    expect(receiver.accepted()).toHaveLength(3);
  });

  it("renders the API reference from our own origin, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { page } = await ui.open({ colorScheme });
      const outside: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(baseUrl())) outside.push(r.url());
      });
      await page.goto(`${baseUrl()}/api-docs`);
      await page.getByTestId("api-reference").getByText("Sendblue Inbox API").first().waitFor({ timeout: 60_000 });
      await page.getByTestId("api-reference").getByText("/api/conversations/{id}/messages").first().waitFor();
      await screenshot(page, `api-docs-${colorScheme}`);
      expect(outside).toEqual([]);
    }
    const { page } = await ui.open({ signedIn: false });
    await page.goto(`${baseUrl()}/api-docs`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
  });
});
