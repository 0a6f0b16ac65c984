// Days arrive as YYYY-MM-DD in the viewer's zone already: format them as calendar dates,
// never through the browser's zone (which would move them a day west of UTC).

const short = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const long = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
});

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "Apr 4" */
export const dayLabel = (day: string) => short.format(asDate(day));
/** "Fri, Apr 4, 2003" */
export const dayTitle = (day: string) => long.format(asDate(day));
