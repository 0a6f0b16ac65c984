// The one date-and-time format people read on every page (thread, search, lines, webhook
// log, settings): "Dec 1, 2026, 6:31 PM", in the viewer's locale and time zone. Where a
// time is compared with other systems (logs, line events) the zone is written out.

type Options = { zone?: boolean; seconds?: boolean };

const formats = new Map<string, Intl.DateTimeFormat>();

function format(options: Options): Intl.DateTimeFormat {
  const key = `${options.zone ? "z" : ""}${options.seconds ? "s" : ""}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      ...(options.seconds ? { second: "2-digit" } : {}),
      ...(options.zone ? { timeZoneName: "short" } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

/** "Dec 1, 2026, 6:31 PM" (with `zone`: "Dec 1, 2026, 6:31 PM CST"). */
export function formatDateTime(value: string | Date, options: Options = {}): string {
  return format(options).format(typeof value === "string" ? new Date(value) : value);
}

/** "6:31 PM" in the viewer's locale. */
export function formatTimeOfDay(value: string | Date): string {
  return (typeof value === "string" ? new Date(value) : value).toLocaleTimeString(undefined, {
    hour: "numeric",
    minute: "2-digit",
  });
}
