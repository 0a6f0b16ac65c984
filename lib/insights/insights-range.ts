import { fromWallClock, wallClock } from "@/lib/workflow/snooze-presets";

// The days an Insights view covers, in the viewer's time zone: whole calendar days from
// `fromDay` to `toDay` inclusive, as the instants [from, to) the queries filter on. Day
// buckets and the weekday × hour grid are read in the same zone, so a day that is 23 or 25
// hours long (a DST change) is still one day.

export type InsightsRange = {
  fromDay: string;
  toDay: string;
  /** Every day of the range, YYYY-MM-DD. */
  days: string[];
  from: Date;
  to: Date;
  timeZone: string;
};

export const PRESETS = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type Preset = keyof typeof PRESETS;
export const MAX_DAYS = 366;

const pad = (n: number) => String(n).padStart(2, "0");

function parseDay(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y!, m!, d!];
}

/** YYYY-MM-DD `delta` days after `day` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, delta: number): string {
  const [y, m, d] = parseDay(day);
  const t = new Date(Date.UTC(y, m - 1, d + delta));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parseDay(a);
  const [yb, mb, db] = parseDay(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [y, m, d] = parseDay(day);
  return y >= 1970 && addDays(day, 0) === `${y}-${pad(m)}-${pad(d)}`;
}

/** Whether this runtime knows the IANA zone (PostgreSQL ships the same database). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function today(now: Date, timeZone: string): string {
  const w = wallClock(now, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The last `n` days up to and including today. */
export function presetDays(preset: Preset, now: Date, timeZone: string): { fromDay: string; toDay: string } {
  const toDay = today(now, timeZone);
  return { fromDay: addDays(toDay, 1 - PRESETS[preset]), toDay };
}

export function insightsRange(fromDay: string, toDay: string, timeZone: string): InsightsRange {
  const start = (day: string) => {
    const [y, m, d] = parseDay(day);
    return fromWallClock(y, m, d, 0, 0, timeZone);
  };
  const count = daysBetween(fromDay, toDay) + 1;
  return {
    fromDay,
    toDay,
    days: Array.from({ length: count }, (_, i) => addDays(fromDay, i)),
    from: start(fromDay),
    to: start(addDays(toDay, 1)),
    timeZone,
  };
}
