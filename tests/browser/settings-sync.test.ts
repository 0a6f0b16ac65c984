import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { baseUrl, screenshot, useBrowser } from "./harness";

// Settings → Sendblue: an owner starts a history import and watches its progress live.
// The browser tests' server runs no sync worker, so the test plays the worker's part by
// writing the job's progress the way the importer would.

const ui = useBrowser();

describe("/settings Sendblue import", { timeout: 180_000 }, () => {
  it("starts an import from a date and shows fetched, stored, already known, failed and rate-limit waits as they change", async () => {
    const db = testDb();
    await db.syncJob.updateMany({ where: { state: { in: ["queued", "running"] } }, data: { state: "cancelled" } });
    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/settings`);
    const section = page.getByRole("region", { name: "Sendblue" });
    await section.getByLabel("From").fill("2024-01-01");
    await section.getByRole("button", { name: "Import history" }).click();
    await section.getByText(/Waiting to start · import #\d+ from 2024-01-01/).waitFor();
    const job = await db.syncJob.findFirstOrThrow({ where: { state: "queued" }, orderBy: { id: "desc" } });
    expect(job.since?.toISOString()).toBe("2024-01-01T00:00:00.000Z");

    // The importer at work (progress is polled every second while an import is active).
    await db.syncJob.update({
      where: { id: job.id },
      data: {
        state: "running",
        startedAt: new Date(Date.now() - 95_000),
        total: 48_210,
        fetched: 31_400,
        stored: 30_875,
        known: 519,
        failed: 6,
        rateWaits: 3,
        rateWaitMs: 7_400,
        requests: 318,
      },
    });
    await db.syncState.upsert({
      where: { key: "reconcile" },
      create: {
        key: "reconcile",
        lastRunAt: new Date(Date.now() - 120_000),
        lastResult: { repaired: 2 },
        repairedTotal: 14,
        runs: 9,
      },
      update: { lastRunAt: new Date(Date.now() - 120_000), lastResult: { repaired: 2 }, repairedTotal: 14, runs: 9 },
    });
    await section.getByText("30,875").waitFor();
    expect(await section.getByRole("progressbar", { name: "Import progress" }).getAttribute("aria-valuenow")).toBe(
      "65",
    );
    await expect(section.getByRole("button", { name: "Import running…" }).isDisabled()).resolves.toBe(true);
    await screenshot(page, "settings-sendblue-import-light");

    const { context: dark, page: darkPage } = await ui.open({ colorScheme: "dark" });
    await darkPage.goto(`${baseUrl()}/settings`);
    await darkPage.getByRole("region", { name: "Sendblue" }).getByText("30,875").waitFor();
    await screenshot(darkPage, "settings-sendblue-import-dark");

    await db.syncJob.update({
      where: { id: job.id },
      data: { state: "done", finishedAt: new Date(), fetched: 48_210, stored: 47_685 },
    });
    await section.getByText(/Finished · import #\d+/).waitFor({ timeout: 20_000 });
    await section.getByText("Gap repair last ran").waitFor();
    await context.close();
    await dark.close();

    const { page: lines } = await ui.open();
    await lines.goto(`${baseUrl()}/lines`);
    await lines
      .getByTestId("sync-panel")
      .getByText(/repaired 2/)
      .waitFor();
  });
});
