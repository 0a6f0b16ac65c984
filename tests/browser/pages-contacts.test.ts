import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { receiveBody, uniqueNumber } from "../support/webhooks";
import { baseUrl, postWebhook, screenshot, useBrowser } from "./harness";

const ui = useBrowser();

describe("/contacts", () => {
  it("search finds a contact posted via contact_created and links to its thread", async () => {
    const last = `Hopper${randomUUID().slice(0, 6)}`;
    const number = uniqueNumber();
    expect(
      (
        await postWebhook("contact_created", {
          phone: number,
          first_name: "Grace",
          last_name: last,
          company_name: "Navy",
        })
      ).status,
    ).toBe(200);
    expect((await postWebhook("receive", receiveBody({ number, content: "Hi, it's Grace" }))).status).toBe(200);
    // A few more people so the page looks like an address book.
    for (const [first, lastName, company] of [
      ["Ada", "Lovelace", "Analytical Engines"],
      ["Alan", "Turing", null],
      ["Katherine", "Johnson", "NASA"],
    ] as const) {
      const n = uniqueNumber();
      await postWebhook("contact_created", {
        phone: n,
        first_name: first,
        last_name: lastName,
        company_name: company,
        tags: ["vip"],
      });
      await postWebhook("receive", receiveBody({ number: n }));
    }
    await postWebhook("receive", receiveBody({ number: uniqueNumber() }));

    for (const scheme of ["light", "dark"] as const) {
      const { context, page } = await ui.open({ colorScheme: scheme });
      await page.goto(`${baseUrl()}/contacts`);
      await page.getByRole("heading", { name: "Contacts" }).waitFor();
      await screenshot(page, `contacts-${scheme}`);
      await context.close();
    }

    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/contacts`);
    await page.getByLabel("Search contacts by name or number").fill(`grace ${last.toLowerCase()}`);
    await page.waitForURL(/q=grace/);
    const rows = page.getByRole("listitem").filter({ hasText: `Grace ${last}` });
    await rows.first().waitFor();
    expect(await page.getByRole("listitem").filter({ hasText: "Lovelace" }).count()).toBe(0);
    const link = rows.getByRole("link", { name: /Open thread/ });
    expect(await link.getAttribute("href")).toMatch(/^\/\?c=\d+$/);

    const digits = number.slice(2);
    await page
      .getByLabel("Search contacts by name or number")
      .fill(`(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`);
    await page.waitForURL((url) => url.searchParams.get("q")?.startsWith("(") ?? false);
    const results = page.getByRole("main").getByRole("listitem");
    await results.filter({ hasText: `Grace ${last}` }).waitFor();
    expect(await results.count()).toBe(1);

    await page.getByLabel("Search contacts by name or number").fill("nobody-by-this-name");
    await page.getByRole("heading", { name: /No contact matches/ }).waitFor();
    await context.close();
  });
});
