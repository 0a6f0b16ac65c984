// Snooze presets in the viewer's time zone (issue 14): later today (+3 h), tomorrow 9:00,
// next week (Monday 9:00). Pure, so the browser and the tests compute the same instants.

export type SnoozePreset = { id: "later" | "tomorrow" | "next_week"; label: string; at: Date };

type Wall = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The wall-clock reading of `at` in `timeZone`. */
export function wallClock(at: Date, timeZone: string): Wall {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")) % 24,
    minute: Number(get("minute")),
    weekday: WEEKDAYS.indexOf(get("weekday")),
  };
}

/** The instant when the wall clock in `timeZone` reads the given date and time (days may overflow). */
export function fromWallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const want = Date.UTC(year, month - 1, day, hour, minute);
  let guess = want;
  // Two rounds settle the zone's offset, also across a DST change.
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const seen = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    guess += want - seen;
  }
  return new Date(guess);
}

export function snoozePresets(now: Date, timeZone: string): SnoozePreset[] {
  const w = wallClock(now, timeZone);
  const daysToMonday = (8 - w.weekday) % 7 || 7;
  return [
    { id: "later", label: "Later today", at: new Date(now.getTime() + 3 * 3_600_000) },
    { id: "tomorrow", label: "Tomorrow", at: fromWallClock(w.year, w.month, w.day + 1, 9, 0, timeZone) },
    { id: "next_week", label: "Next week", at: fromWallClock(w.year, w.month, w.day + daysToMonday, 9, 0, timeZone) },
  ];
}
