import { describe, expect, it } from "vitest";
import { formatPhone } from "@/lib/format/phone-number";
import { testDb } from "../support/db";
import { receiveBody, uniqueNumber } from "../support/webhooks";
import { baseUrl, postWebhook, screenshot, useBrowser } from "./harness";

// An agent names an unknown number from its thread; a team names a line on Lines.

const ui = useBrowser();

describe("naming", () => {
  it("names an unknown number from the thread header, and a line on Lines (light and dark)", async () => {
    const number = uniqueNumber();
    const line = uniqueNumber();
    const body = receiveBody({ number, sendblue_number: line, to_number: line, content: "Hi, this is about my order" });
    expect((await postWebhook("receive", body)).status).toBe(200);
    const { conversationId } = await testDb().message.findUniqueOrThrow({
      where: { handle: body.message_handle },
      select: { conversationId: true },
    });

    const { context, page } = await ui.open();
    await page.goto(`${baseUrl()}/?c=${conversationId}`);
    const title = page.getByTestId("thread-title");
    await title.getByText(formatPhone(number)).waitFor();
    await page.getByRole("button", { name: "Name this number" }).click();
    const form = page.getByRole("form", { name: "Contact name" });
    await form.getByLabel("First name").fill("Grace");
    await form.getByLabel("Last name").fill("Hopper");
    await form.getByLabel("Company").fill("Navy");
    await screenshot(page, "thread-name-number-light");
    await form.getByRole("button", { name: "Save" }).click();
    await title.getByText("Grace Hopper").waitFor();
    // The list row follows through the live `contact` event.
    await page.locator(`[data-conversation-id="${conversationId}"]`).getByText("Grace Hopper").waitFor();
    await context.close();

    const { context: dark, page: lines } = await ui.open({ colorScheme: "dark" });
    await lines.goto(`${baseUrl()}/lines`);
    const row = lines.getByRole("row").filter({ hasText: formatPhone(line) });
    await row.getByRole("button", { name: "Name" }).click();
    await row.getByLabel("Line name").fill("Support");
    await screenshot(lines, "lines-name-dark");
    await lines.keyboard.press("Enter");
    await row.getByText("Support", { exact: true }).waitFor();
    expect((await testDb().line.findUniqueOrThrow({ where: { number: line } })).name).toBe("Support");
    await lines.goto(`${baseUrl()}/?c=${conversationId}`);
    await lines
      .getByTestId("thread-subtitle")
      .getByText(`via Support (${formatPhone(line)})`, { exact: false })
      .waitFor();
    await dark.close();
  });
});
