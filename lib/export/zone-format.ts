import { z } from "zod";

// Times in an export are written on the server, which does not know the reader's zone: the
// dashboard sends its own (`tz`, an IANA name such as America/Chicago) and every time is
// written in it, with the zone named once in the file. Without `tz`, UTC.

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneParam = z
  .preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().max(64).refine(isTimeZone, "not an IANA time zone name").optional(),
  )
  .describe("IANA time zone the times are written in, e.g. America/Chicago (default UTC)");

/** The first language of Accept-Language this server's Intl knows, else en-US. */
export function localeOf(acceptLanguage: string | null): string {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]!.trim();
    if (!tag || tag === "*") continue;
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Not a well-formed language tag: try the next one.
    }
  }
  return "en-US";
}

export type ZoneFormat = ReturnType<typeof zoneFormat>;

export function zoneFormat(timeZone = "UTC", locale = "en-US") {
  const make = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone, ...options });
  const dateTime = make({ year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  const time = make({ hour: "numeric", minute: "2-digit" });
  const day = make({ weekday: "long", year: "numeric", month: "long", day: "numeric" });
  const date = make({ year: "numeric", month: "short", day: "numeric" });
  // Sortable, and read as a date and time by spreadsheets: 2026-12-01 18:31:05.
  const sortable = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const zoneName = make({ timeZoneName: "short" });
  const at = (iso: string | Date) => (typeof iso === "string" ? new Date(iso) : iso);
  return {
    timeZone,
    dateTime: (iso: string | Date) => dateTime.format(at(iso)),
    time: (iso: string | Date) => time.format(at(iso)),
    day: (iso: string | Date) => day.format(at(iso)),
    date: (iso: string | Date) => date.format(at(iso)),
    /** YYYY-MM-DD in the zone: two times on the same key share a day heading. */
    dayKey: (iso: string | Date) => sortable.format(at(iso)).slice(0, 10),
    sortable: (iso: string | Date) => sortable.format(at(iso)).replace(", ", " "),
    /** "CST", "GMT+1": the zone's short name at that moment. */
    zoneAbbreviation: (iso: string | Date) =>
      zoneName.formatToParts(at(iso)).find((p) => p.type === "timeZoneName")?.value ?? timeZone,
  };
}
