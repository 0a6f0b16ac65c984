// The viewer's time zone, as their browser reported it (components/insights/time-zone-sync.tsx).
export const TIME_ZONE_COOKIE = "inbox_tz";
