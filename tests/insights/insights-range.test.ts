import { describe, expect, it } from "vitest";
import { formatDuration } from "@/lib/insights/chart-tables";
import { toCsv } from "@/lib/insights/csv";
import { insightsRange, isCalendarDay, isTimeZone, presetDays } from "@/lib/insights/insights-range";
import { loadInsights } from "@/lib/insights/load-insights";
import { testDb } from "../support/db";
import { uniqueNumber } from "../support/webhooks";

// The pure parts of Insights (days in a zone, presets, durations, CSV) and the opt-out time
// the contacts trigger keeps.

describe("days in the viewer's zone", () => {
  it("a day is midnight to midnight on the wall clock, 23 or 25 hours across a DST change", () => {
    const spring = insightsRange("2003-04-06", "2003-04-06", "America/Chicago");
    expect([spring.from.toISOString(), spring.to.toISOString()]).toEqual([
      "2003-04-06T06:00:00.000Z",
      "2003-04-07T05:00:00.000Z",
    ]);
    const autumn = insightsRange("2026-11-01", "2026-11-01", "America/Chicago");
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(25);
    const kolkata = insightsRange("2026-12-01", "2026-12-03", "Asia/Kolkata");
    expect(kolkata.from.toISOString()).toBe("2026-11-30T18:30:00.000Z");
    expect(kolkata.days).toEqual(["2026-12-01", "2026-12-02", "2026-12-03"]);
  });

  it("presets end today in the zone, whatever the date is in UTC", () => {
    const now = new Date("2026-12-03T03:00:00Z"); // Dec 2, 21:00 in Chicago
    expect(presetDays("7d", now, "America/Chicago")).toEqual({ fromDay: "2026-11-26", toDay: "2026-12-02" });
    expect(presetDays("7d", now, "UTC")).toEqual({ fromDay: "2026-11-27", toDay: "2026-12-03" });
    expect(presetDays("90d", now, "UTC").fromDay).toBe("2026-09-05");
  });

  it("accepts real days and zones only", () => {
    expect(["2026-02-28", "2024-02-29"].every(isCalendarDay)).toBe(true);
    expect(["2026-02-29", "2026-13-01", "26-01-01", "2026-1-1", ""].some(isCalendarDay)).toBe(false);
    expect(isTimeZone("Europe/Berlin") && isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Atlantis") || isTimeZone("")).toBe(false);
  });

  it("defaults to the 30 days up to today; from alone gives 30 days from it", async () => {
    const now = new Date("2026-12-03T12:00:00Z");
    const range = (q: { from?: string; to?: string }) =>
      loadInsights(testDb(), { ...q, tz: "UTC" }, now).then((i) => [i.range.from, i.range.to]);
    expect(await range({})).toEqual(["2026-11-04", "2026-12-03"]);
    expect(await range({ from: "2026-01-10" })).toEqual(["2026-01-10", "2026-02-08"]);
    expect(await range({ from: "2026-11-20" })).toEqual(["2026-11-20", "2026-12-03"]);
    expect(await range({ to: "2026-02-08" })).toEqual(["2026-01-10", "2026-02-08"]);
  });
});

describe("display and CSV", () => {
  it("durations read as people say them", () => {
    expect([null, 0, 30.4, 60, 270, 2700, 3600, 4950, 86_400, 183_600].map(formatDuration)).toEqual([
      "–",
      "0 s",
      "30 s",
      "1 min",
      "4 min 30 s",
      "45 min",
      "1 h 0 min",
      "1 h 22 min",
      "1 d 0 h",
      "2 d 3 h",
    ]);
  });

  it("quotes what needs quoting and disarms formulas, but not numbers or phone numbers", () => {
    const csv = toCsv({
      columns: ["Code", "Meaning", "n"],
      rows: [
        ['=HYPERLINK("x")', "a, b", 1],
        ["+15551234567", "line\nbreak", -2],
        ["@SUM(A1)", "-x", 0],
      ],
    });
    expect(csv).toBe(
      'Code,Meaning,n\r\n"\'=HYPERLINK(""x"")","a, b",1\r\n+15551234567,"line\nbreak",-2\r\n\'@SUM(A1),\'-x,0\r\n',
    );
  });
});

describe("contacts.opted_out_at (migration 20261203090000)", () => {
  it("is set when opted_out becomes true, kept while it stays, cleared when it turns false", async () => {
    const db = testDb();
    const number = uniqueNumber();
    const at = () =>
      db.contact.findUniqueOrThrow({ where: { number }, select: { optedOutAt: true } }).then((c) => c.optedOutAt);
    await db.contact.create({ data: { number } });
    expect(await at()).toBeNull();
    const before = Date.now();
    await db.contact.update({ where: { number }, data: { optedOut: true } });
    const first = await at();
    expect(first!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The ingest path's upsert repeats the flag: the time stays the first one.
    await db.$executeRaw`SELECT inbox_upsert_contact(${number}, true)`;
    await db.contact.update({ where: { number }, data: { optedOut: true, firstName: "Ada" } });
    expect(await at()).toEqual(first);
    await db.$executeRaw`SELECT inbox_upsert_contact(${number}, false)`;
    expect(await at()).toBeNull();
    // A contact first seen opted out (a webhook saying so) has the time of that insert.
    const other = uniqueNumber();
    await db.$executeRaw`SELECT inbox_upsert_contact(${other}, true)`;
    const created = await db.contact.findUniqueOrThrow({ where: { number: other } });
    expect(created.optedOutAt?.getTime()).toBe(created.createdAt.getTime());
  });
});
