// Display helpers. All run in the browser, so times come out in the viewer's time zone.

import { formatDateTime, formatTimeOfDay } from "@/lib/format/date-time";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(iso: string, now = Date.now()): string {
  const t = new Date(iso).getTime();
  const diff = now - t;
  if (diff < MINUTE) return "now";
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  const d = new Date(t);
  if (isSameDay(d, new Date(now))) return d.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  if (diff < 7 * DAY) return d.toLocaleDateString(undefined, { weekday: "short" });
  return d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

export function timeOfDay(iso: string): string {
  return formatTimeOfDay(iso);
}

export function fullTime(iso: string): string {
  return formatDateTime(iso);
}

export function dayLabel(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (isSameDay(d, now)) return "Today";
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (isSameDay(d, yesterday)) return "Yesterday";
  if (now.getTime() - d.getTime() < 6 * DAY) return d.toLocaleDateString(undefined, { weekday: "long" });
  return d.toLocaleDateString(undefined, {
    weekday: "short",
    month: "short",
    day: "numeric",
    ...(d.getFullYear() !== now.getFullYear() ? { year: "numeric" } : {}),
  });
}

export function isSameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function duration(seconds: number | null): string | null {
  if (seconds === null || seconds === undefined) return null;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m >= 60
    ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}:${String(s).padStart(2, "0")}`
    : `${m}:${String(s).padStart(2, "0")}`;
}

export function byteSize(bytes: number | null): string | null {
  if (!bytes) return null;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function initials(title: string): string {
  const words = title
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return "#";
  if (/^\d/.test(words[0]!)) return "#";
  return ((words[0]![0] ?? "") + (words.length > 1 ? (words.at(-1)![0] ?? "") : "")).toUpperCase();
}

const MEDIA_LABELS: Record<string, string> = {
  image: "Photo",
  video: "Video",
  audio: "Voice note",
  contact: "Contact card",
  pdf: "PDF",
  file: "Attachment",
};

export function mediaLabel(kind: string): string {
  return MEDIA_LABELS[kind] ?? "Attachment";
}

/** What a message says in one line: its text, else what its first attachment is. */
export function messageGist(content: string, firstMediaKind: string | undefined): string {
  return content.trim() || (firstMediaKind ? mediaLabel(firstMediaKind) : "Message");
}

export function serviceName(service: string | null): "iMessage" | "SMS" | "RCS" | null {
  const s = (service ?? "").toLowerCase();
  if (s === "imessage") return "iMessage";
  if (s === "sms" || s === "mms") return "SMS";
  if (s === "rcs") return "RCS";
  return null;
}

export const REACTION_EMOJI: Record<string, string> = {
  love: "❤️",
  like: "👍",
  dislike: "👎",
  laugh: "😂",
  emphasize: "‼️",
  question: "❓",
};

/** Deterministic avatar colour per conversation so rows are easy to tell apart. */
export function avatarHue(seed: string): number {
  // FNV-1a, then a golden-angle step so neighbouring ids land far apart on the wheel.
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return Math.round((h % 1000) * 137.508) % 360;
}
