import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/lib/format/date-time";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { formatPhoneWith, needsInternational } from "@/lib/format/phone-format-core";
import { formatPhone, formatPhonesIn } from "@/lib/format/phone-number";
import { TIME_HEADER_GAP_MS, threadItems } from "@/components/inbox/thread-items";
import type { MessagePage, MessageView } from "@/components/inbox/api";

describe("formatPhone", () => {
  it("formats North American numbers as +1 (xxx) xxx-xxxx and others in international form", () => {
    expect(formatPhone("+16465501016")).toBe("+1 (646) 550-1016");
    expect(formatPhone("+447700900123")).toBe("+44 7700 900123");
    expect(formatPhone("+33612345678")).toBe("+33 6 12 34 56 78");
  });

  it("groups +1 numbers without the metadata exactly as libphonenumber's rules did", () => {
    const withMetadata = (n: string) => {
      const parsed = parsePhoneNumberFromString(n);
      const m = parsed?.isPossible() ? /^(\d{3})(\d{3})(\d{4})$/.exec(parsed.nationalNumber) : null;
      return m ? `+1 (${m[1]}) ${m[2]}-${m[3]}` : n;
    };
    for (let i = 0; i < 5000; i++) {
      const n = `+1${Math.floor(Math.random() * 1e10)
        .toString()
        .padStart(10, "0")}`;
      expect(formatPhoneWith(null, n)).toBe(withMetadata(n));
    }
    // Other countries wait for the metadata, and show as stored until then.
    expect(formatPhoneWith(null, "+447700900123")).toBe("+447700900123");
    expect(needsInternational("+447700900123")).toBe(true);
    expect(needsInternational("+16465501016")).toBe(false);
  });

  it("leaves emails, short codes and junk as stored", () => {
    for (const v of ["ana@example.com", "12345", "+1", "not a number", ""]) expect(formatPhone(v)).toBe(v);
  });

  it("formats the numbers inside a group title and nothing else", () => {
    expect(formatPhonesIn("Ada, +16465501016 & 2 more")).toBe("Ada, +1 (646) 550-1016 & 2 more");
    expect(formatPhonesIn("Order 123456789")).toBe("Order 123456789");
  });
});

describe("formatDateTime", () => {
  it("is one format, with the zone when asked", () => {
    const at = new Date("2026-12-01T18:31:12Z");
    const plain = formatDateTime(at);
    expect(plain).toMatch(/2026/);
    expect(plain).not.toMatch(/:12\b/); // minutes, no seconds
    expect(formatDateTime(at, { zone: true }).length).toBeGreaterThan(plain.length);
    expect(formatDateTime(at, { seconds: true })).toMatch(/:12/);
  });
});

describe("threadItems time headers", () => {
  const msg = (handle: string, sentAt: Date): MessageView =>
    ({
      handle,
      sentAt: sentAt.toISOString(),
      direction: "inbound",
      status: "RECEIVED",
      senderNumber: "+15125550100",
      media: [],
      reactions: [],
    }) as unknown as MessageView;
  const page = (messages: MessageView[]) => ({ messages, events: [] }) as unknown as MessagePage;

  it("adds a header after a quiet spell of an hour, not after a shorter one", () => {
    const noon = new Date();
    noon.setHours(12, 0, 0, 0);
    const items = threadItems(
      page([
        msg("a", noon),
        msg("b", new Date(noon.getTime() + TIME_HEADER_GAP_MS - 60_000)),
        msg("c", new Date(noon.getTime() + 2 * TIME_HEADER_GAP_MS)),
      ]),
      false,
      new Date(noon.getTime() + 3 * TIME_HEADER_GAP_MS),
    );
    expect(items.map((i) => i.type)).toEqual(["day", "message", "message", "day", "message"]);
  });

  it("leaves a line's assignment out of the thread", () => {
    const now = new Date();
    const items = threadItems(
      {
        messages: [msg("a", now)],
        events: [{ type: "line", id: "line-1", at: now.toISOString(), kind: "assigned", lineNumber: "+15125550199" }],
      } as unknown as MessagePage,
      false,
      now,
    );
    expect(items.some((i) => i.type === "event")).toBe(false);
    // …and leaves no header of its own behind, even an hour before the first message.
    const early = threadItems(
      {
        messages: [msg("a", now)],
        events: [
          {
            type: "line",
            id: "line-2",
            at: new Date(now.getTime() - 2 * TIME_HEADER_GAP_MS).toISOString(),
            kind: "assigned",
            lineNumber: "+15125550199",
          },
        ],
      } as unknown as MessagePage,
      false,
      now,
    );
    expect(early.filter((i) => i.type === "day")).toHaveLength(1);
  });
});
