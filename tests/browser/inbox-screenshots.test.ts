import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, useBrowser } from "./harness";
import {
  conversationIdFor,
  openInbox,
  post,
  seedThread,
  solidPng,
  startMediaHost,
  uniqueNumber,
  type Msg,
} from "./inbox-fixtures";

// Screenshots of a realistically populated inbox, light and dark, desktop and phone
// (docs/screenshots/inbox-*.png). The data sits on one line that the screenshots filter
// on, so conversations left by other test files don't crowd the picture.

const ui = useBrowser();
let host: Awaited<ReturnType<typeof startMediaHost>>;
const LINE = `+1512${Math.floor(Math.random() * 1e7)
  .toString()
  .padStart(7, "0")}`;
let openId: number;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function named(first: string, last: string) {
  const number = uniqueNumber();
  await post("contact_created", { phone: number, first_name: first, last_name: last, sendblue_number: LINE });
  return number;
}

beforeAll(async () => {
  host = await startMediaHost({
    "/m/trail.png": { type: "image/png", body: solidPng(480, 320, [86, 140, 92]) },
    "/m/Dr%20Lena%20Park.vcf": {
      type: "text/vcard",
      body: "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr. Lena Park\r\nORG:Riverside Clinic;\r\nTEL;type=WORK:+1 512 555 0123\r\nEMAIL;type=WORK:lena.park@riverside.example\r\nEND:VCARD\r\n",
    },
  });
  const threads: {
    contact: Promise<string> | string;
    msgs: Msg[];
    group?: { id: string; name: string | null; members: string[] };
  }[] = [
    {
      contact: named("Priya", "Shah"),
      msgs: [
        { text: "Hi! Is the 2-bedroom on Elm St still available?", at: minutesAgo(3000) },
        { text: "It is! Would you like to schedule a viewing?", out: true, at: minutesAgo(2990) },
        { text: "Yes please. Thursday after 5?", at: minutesAgo(2985) },
        { text: "Thursday at 5:30 works. I'll send the address.", out: true, at: minutesAgo(1500) },
        { text: "Perfect, see you then", at: minutesAgo(1497) },
        { text: "Loved “Thursday at 5:30 works. I'll send the address.”", at: minutesAgo(1496) },
        { text: "Just parked — which door should I use?", at: minutesAgo(18) },
        { text: "Side entrance by the bike rack. Coming down now!", out: true, at: minutesAgo(16) },
        {
          text: "Here's the trail view from the balcony btw",
          media: host.url("/m/trail.png"),
          out: true,
          at: minutesAgo(15),
        },
        { text: "Wow 😍 that's gorgeous", at: minutesAgo(14) },
        { text: "Details on the lease: https://example.com/listings/elm-st-2br", out: true, at: minutesAgo(4) },
      ],
    },
    {
      contact: uniqueNumber(),
      group: { id: `grp-${Date.now()}`, name: "Weekend hike", members: [] },
      msgs: [
        { text: "Who's driving Saturday?", at: minutesAgo(40), sender: "+15125550111" },
        { text: "I can take 4 people", at: minutesAgo(38), sender: "+15125550122" },
        { text: "I'll bring snacks", at: minutesAgo(9), sender: "+15125550133" },
      ],
    },
    {
      contact: named("Marcus", "Lee"),
      msgs: [
        { text: "Can you resend the invoice? The link expired.", at: minutesAgo(25) },
        { text: "Sorry about that!", at: minutesAgo(24) },
      ],
    },
    {
      contact: uniqueNumber(),
      msgs: [
        { text: "Your order #4821 has shipped 📦", out: true, service: "SMS", status: "SENT", at: minutesAgo(70) },
        { text: "thanks!! when will it arrive", service: "SMS", at: minutesAgo(55) },
      ],
    },
    { contact: named("Dana", "Okafor"), msgs: [{ media: host.url("/m/Dr%20Lena%20Park.vcf"), at: minutesAgo(130) }] },
    {
      contact: named("Elena", "García"),
      msgs: [{ text: "Reminder: cleaning tomorrow at 10am", out: true, service: "RCS", at: minutesAgo(300) }],
    },
    {
      contact: named("Tom", "Becker"),
      msgs: [{ media: "https://storage.googleapis.com/inbox-demo/voice-note.caf", at: minutesAgo(420) }],
    },
    {
      contact: named("Sam", "Nguyen"),
      msgs: [
        {
          text: "Your appointment is confirmed for Monday.",
          out: true,
          status: "ERROR",
          error: "Failed to send",
          at: minutesAgo(1600),
        },
      ],
    },
    {
      contact: named("Jordan", "Kim"),
      msgs: [{ text: "Great working with you, thanks again!", at: minutesAgo(2900) }],
    },
    { contact: uniqueNumber(), msgs: [{ text: "STOP", at: minutesAgo(5000) }] },
  ];
  // Oldest conversations first so the last message of each is its newest activity.
  for (const t of threads.reverse()) {
    const contact = await t.contact;
    await seedThread(
      LINE,
      contact,
      t.msgs,
      t.group ? { ...t.group, members: [contact, "+15125550111", "+15125550122", "+15125550133"] } : undefined,
    );
  }
  await post("call_log", {
    number: await threads.at(-1)!.contact,
    sendblue_number: LINE,
    disposition: "connected",
    duration: 184,
    transcript: "Hi, this is Priya calling about the apartment…",
    timestamp: minutesAgo(1200).toISOString(),
  });
  openId = await conversationIdFor(LINE);
});

afterAll(async () => {
  await host?.close();
});

async function showInbox(page: Page, dark: boolean, query: string) {
  await openInbox(page, query);
  if (dark) await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.getByRole("combobox", { name: "Filter by line" }).selectOption(LINE);
  await page.getByText("Weekend hike").first().waitFor();
  // Relative times and fonts settle; the image preview loads from the local host.
  await page.waitForTimeout(600);
}

describe("inbox screenshots", () => {
  for (const dark of [false, true]) {
    const scheme = dark ? "dark" : "light";
    it(`desktop ${scheme}`, async () => {
      const { context, page } = await ui.open({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
      await showInbox(page, dark, `?c=${openId}`);
      await page.getByTestId("media-image").waitFor();
      await page.getByText("Side entrance by the bike rack").waitFor();
      expect(await page.getByTestId("message-status").textContent()).toBe("Delivered");
      await screenshot(page, `inbox-${scheme}`);
      await context.close();
    });

    it(`phone ${scheme}`, async () => {
      const { context, page } = await ui.open({ colorScheme: scheme, viewport: { width: 390, height: 844 } });
      await showInbox(page, dark, "");
      await screenshot(page, `inbox-phone-${scheme}`);
      await page.getByText("Weekend hike").first().click();
      await page.getByTestId("thread-scroller").getByText("I'll bring snacks").waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, `inbox-phone-thread-${scheme}`);
      await context.close();
    });
  }
});
