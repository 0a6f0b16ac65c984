import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { receiveBody, statusBody, uniqueNumber } from "../support/webhooks";
import { uniqueLine } from "./inbox-fixtures";
import { baseUrl, postWebhook, screenshot, useBrowser } from "./harness";

// What Sendblue sends beyond text and files, as a member sees it: an inline reply under its
// parent's quote (which jumps to the parent), a shared location, an App Card, and who sent a
// message from Sendblue's own app.

const ui = useBrowser();

describe("message extras in the thread", () => {
  it("shows a reply's quote, a location card, an App Card and the Sendblue seat, light and dark", async () => {
    const number = uniqueNumber();
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
    const parent = receiveBody({ number, content: "Which entrance should I use?", date_sent: minutesAgo(9) });
    const seat = statusBody({
      number,
      content: "The side door on 5th Street.",
      status: "DELIVERED",
      sender_email: "ada@team.example",
      date_sent: minutesAgo(8),
    });
    const inlineReply = receiveBody({
      number,
      content: "Perfect, see you there",
      reply_to: { message_handle: parent.message_handle },
      date_sent: minutesAgo(7),
    });
    const location = receiveBody({
      number,
      content: "",
      message_type: "location",
      location: { latitude: 30.26715, longitude: -97.74306, accuracy: 12 },
      date_sent: minutesAgo(6),
    });
    const card = receiveBody({
      number,
      content: "",
      app_card: {
        appName: "Tickets",
        url: "https://example.com/t/1",
        layout: { caption: "Row 4, Seat 12", summary: "Your ticket for Friday" },
      },
      date_sent: minutesAgo(5),
    });
    for (const body of [parent, inlineReply, location, card])
      expect((await postWebhook("receive", body)).status).toBe(200);
    expect((await postWebhook("outbound", seat)).status).toBe(200);
    const { conversationId } = await testDb().message.findUniqueOrThrow({
      where: { handle: parent.message_handle },
      select: { conversationId: true },
    });

    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await ui.open({ colorScheme });
      const origins = new Set<string>();
      page.on("request", (r) => origins.add(new URL(r.url()).origin));
      await page.goto(`${baseUrl()}/?c=${conversationId}`);
      const quote = page.locator(`[data-message-handle="${inlineReply.message_handle}"]`).getByTestId("reply-quote");
      await quote.waitFor();
      expect(await quote.textContent()).toContain("Which entrance should I use?");
      const locationCard = page.getByTestId("location-card");
      expect(await locationCard.textContent()).toContain("30.26715, -97.74306 · ±12 m");
      expect(await locationCard.getAttribute("href")).toMatch(
        /^https:\/\/www\.openstreetmap\.org\/\?mlat=30\.26715&mlon=-97\.74306/,
      );
      expect(await page.getByTestId("app-card").textContent()).toContain("Row 4, Seat 12");
      await page.getByText("Sent by ada@team.example in Sendblue").waitFor();
      // No map tiles, no third-party requests: the page loads only our own origin.
      expect([...origins].filter((o) => o.startsWith("http"))).toEqual([new URL(baseUrl()).origin]);
      await screenshot(page, `thread-message-extras-${colorScheme}`);
      if (colorScheme === "light") {
        await quote.click();
        await page.waitForURL((u) => u.searchParams.get("m") === parent.message_handle);
      }
      await context.close();
    }
  });

  it("replies inline from a bubble and adds an effect from the composer's +, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const line = uniqueLine();
      const parent = receiveBody({
        number: uniqueNumber(),
        sendblue_number: line,
        to_number: line,
        content: `Can we move it to Friday? ${colorScheme}`,
      });
      expect((await postWebhook("receive", parent)).status).toBe(200);
      const { conversationId } = await testDb().message.findUniqueOrThrow({
        where: { handle: parent.message_handle },
        select: { conversationId: true },
      });
      const { context, page } = await ui.open({ colorScheme });
      await page.goto(`${baseUrl()}/?c=${conversationId}`);
      const bubble = page.locator(`[data-message-handle="${parent.message_handle}"]`);
      await bubble.hover();
      await bubble.getByRole("button", { name: "Reply to this message" }).click();
      await page.getByTestId("replying-to").getByText(`Can we move it to Friday? ${colorScheme}`).waitFor();
      // The effect lives behind "+", not beside Send.
      await page.getByRole("button", { name: "Attach a file or add an effect" }).click();
      await page.getByRole("dialog", { name: "Attach or add an effect" }).getByRole("button", { name: "slam" }).click();
      await page.getByTestId("effect-chip").getByText("Effect: slam").waitFor();
      await page.getByTestId("composer").fill("Friday works");
      await screenshot(page, `composer-inline-reply-${colorScheme}`);
      await page.getByTestId("composer").press("Enter");
      const sent = page.locator("[data-message-handle]").filter({ hasText: "Friday works" });
      await sent.getByTestId("reply-quote").waitFor();
      expect(await page.getByTestId("replying-to").count()).toBe(0);
      await expect
        .poll(
          () =>
            testDb().message.findFirst({ where: { conversationId, direction: "outbound", content: "Friday works" } }),
          { timeout: 15_000 },
        )
        .toMatchObject({ sendStyle: "slam", extra: { reply_to: { message_handle: parent.message_handle } } });
      await context.close();
    }
  });
});
