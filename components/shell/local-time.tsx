"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format/date-time";

// Timestamps in the viewer's time zone: the server does not know it, so the server render
// shows UTC and the browser replaces it on hydration.

const subscribe = () => () => {};

export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const onClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  const full = onClient
    ? formatDateTime(date, { zone: true })
    : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const text = onClient && relative ? relativeTime(date) : full;
  return (
    <time dateTime={iso} title={onClient ? formatDateTime(date, { zone: true, seconds: true }) : full}>
      {text}
    </time>
  );
}

function relativeTime(date: Date): string {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, "second");
  if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), "hour");
  if (abs < 30 * 86_400) return format.format(Math.round(seconds / 86_400), "day");
  return formatDateTime(date, { zone: true });
}
