import { describe, expect, it } from "vitest";
import { fromWallClock, snoozePresets } from "@/lib/workflow/snooze-presets";

// Presets are wall-clock times in the viewer's zone, not the server's.

describe("snooze presets", () => {
  it("later today is +3 h; tomorrow and next week are 9:00 in the viewer's zone", () => {
    // Wednesday 2026-12-02 22:30 in Chicago (UTC-6) is Thursday 04:30 UTC.
    const now = new Date("2026-12-03T04:30:00Z");
    const [later, tomorrow, nextWeek] = snoozePresets(now, "America/Chicago");
    expect(later!.at.toISOString()).toBe("2026-12-03T07:30:00.000Z");
    expect(tomorrow!.at.toISOString()).toBe("2026-12-03T15:00:00.000Z"); // Thu 9:00 CST
    expect(nextWeek!.at.toISOString()).toBe("2026-12-07T15:00:00.000Z"); // Mon 9:00 CST
    // The same instant in Tokyo is already Thursday 13:30: tomorrow is Friday 9:00 JST.
    expect(snoozePresets(now, "Asia/Tokyo")[1]!.at.toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });

  it("on a Monday, next week is the following Monday; wall clock survives a DST change", () => {
    const monday = new Date("2026-03-02T12:00:00Z");
    expect(snoozePresets(monday, "UTC")[2]!.at.toISOString()).toBe("2026-03-09T09:00:00.000Z");
    // US clocks spring forward on 2026-03-08: 9:00 that Monday is UTC-5, not UTC-6.
    expect(fromWallClock(2026, 3, 9, 9, 0, "America/Chicago").toISOString()).toBe("2026-03-09T14:00:00.000Z");
  });
});
