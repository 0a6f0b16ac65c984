import { describe, expect, it } from "vitest";
import { receiveBody, statusBody, uniqueNumber } from "../support/webhooks";
import { formatPhone } from "@/lib/format/phone-number";
import { baseUrl, postWebhook, screenshot, useBrowser } from "./harness";

const ui = useBrowser();

describe("/lines", () => {
  it("shows a blocked line, the banner and the refused-webhook count after the webhooks arrive", async () => {
    const healthy = uniqueNumber();
    const contact = uniqueNumber();
    await postWebhook("line_assigned", {
      sendblue_number: healthy,
      timestamp: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await postWebhook("receive", receiveBody({ number: contact, sendblue_number: healthy }));
    await postWebhook("outbound", statusBody({ number: contact, sendblue_number: healthy, status: "DELIVERED" }));
    const refused = await postWebhook("receive", receiveBody(), { secret: "wrong-secret" });
    expect(refused.status).toBe(401);

    const { context, page } = await ui.open();
    const blocked = uniqueNumber();
    expect((await postWebhook("line_blocked", { sendblue_number: blocked, reason: "spam reports" })).status).toBe(200);
    await page.goto(`${baseUrl()}/lines`);
    const row = page.getByRole("row").filter({ hasText: formatPhone(blocked) });
    await row.getByText("Blocked", { exact: true }).waitFor();
    await row.getByText(/Blocked since/).waitFor();
    const banner = page.getByRole("alert").filter({ hasText: /blocked/ });
    expect(await banner.textContent()).toContain(formatPhone(blocked));
    await page.getByText(/webhook requests? (was|were) refused for a wrong or missing secret/).waitFor();
    await page
      .getByTestId("media-queue")
      .getByText(/kept · .* waiting/)
      .waitFor();
    // Storage: the largest tables (webhook_events among them) and what each horizon would free.
    const storage = page.getByTestId("storage");
    await storage.getByRole("rowheader", { name: "webhook_events" }).waitFor();
    expect(await storage.getByRole("rowheader", { name: /^(30|90|365) days$/ }).count()).toBe(3);
    expect(await storage.textContent()).toContain("Webhook bodies are kept forever");

    const healthyRow = page.getByRole("row").filter({ hasText: formatPhone(healthy) });
    expect(await healthyRow.getByText("Assigned", { exact: true }).count()).toBe(1);
    const cells = await healthyRow.getByRole("cell").allTextContents();
    expect(cells.slice(-3)).toEqual(["1", "1", "1"]);
    await screenshot(page, "lines-light");
    await storage.scrollIntoViewIfNeeded();
    await screenshot(page, "lines-storage-light");
    await context.close();

    const { context: dark, page: darkPage } = await ui.open({ colorScheme: "dark" });
    await darkPage.goto(`${baseUrl()}/lines`);
    await darkPage
      .getByRole("row")
      .filter({ hasText: formatPhone(blocked) })
      .waitFor();
    await screenshot(darkPage, "lines-dark");
    await darkPage.getByTestId("storage").scrollIntoViewIfNeeded();
    await screenshot(darkPage, "lines-storage-dark");
    await dark.close();
  });
});
