import type { ChartId } from "./chart-ids";
import { WEEKDAYS } from "./busiest-hours";
import { RESPONSE_BUCKETS } from "./first-response";
import type { Insights } from "./load-insights";
import { SERVICES, type Service } from "./message-volume";

// Each chart as the table it draws: the page renders these rows as the chart's table
// (screen readers, and anyone who asks for it), the chart is drawn from the same rows, and
// GET /api/insights/{chart}.csv writes them. One source, so the three cannot disagree.

export type Cell = string | number;
export type ChartTable = { id: ChartId; title: string; columns: string[]; rows: Cell[][] };

export const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : "–");

/** "45 s", "4 min 30 s", "1 h 22 min", "2 d 3 h": wall-clock durations as people read them. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

const DIRECTIONS = [
  ["inbound", "Received"],
  ["outbound", "Sent"],
] as const;

/** The services a volume table has columns for: iMessage, SMS, RCS, and "other" only when there is some. */
export function volumeServices(insights: Insights): Service[] {
  const other = insights.volume.some((d) => d.inbound.other + d.outbound.other > 0);
  return SERVICES.filter((s) => s !== "other" || other);
}

export function chartTables(insights: Insights): Record<ChartId, ChartTable> {
  const { volume, delivery: d, errors, firstResponse: fr, busiestHours, calls, contacts } = insights;
  const received = volume.reduce((n, v) => n + sum(v.inbound), 0);
  const sent = volume.reduce((n, v) => n + sum(v.outbound), 0);
  const services = volumeServices(insights);
  const totalCalls = calls.reduce((n, c) => n + c.count, 0);
  const newContacts = contacts.reduce((n, c) => n + c.newContacts, 0);
  const optedOut = contacts.reduce((n, c) => n + c.optedOut, 0);
  const of = (part: number, whole: number) => `${percent(part, whole)} (${part} of ${whole})`;
  return {
    summary: {
      id: "summary",
      title: "Summary",
      columns: ["Measure", "Value"],
      rows: [
        ["Messages received", received],
        ["Messages sent", sent],
        ["Delivered", of(d.delivered, d.outbound)],
        ["Failed", of(d.failed, d.outbound)],
        ["Downgraded to SMS", of(d.downgraded, d.outbound)],
        ["Median first response", formatDuration(fr.medianSeconds)],
        ["90th percentile first response", formatDuration(fr.p90Seconds)],
        ["Waiting for a first reply", fr.unanswered],
        ["New contacts", newContacts],
        ["Opt-outs", optedOut],
        ["Calls", totalCalls],
      ],
    },
    volume: {
      id: "volume",
      title: "Messages per day",
      columns: ["Day", ...DIRECTIONS.flatMap(([, label]) => services.map((s) => `${label} · ${s}`))],
      rows: volume.map((v) => [v.day, ...DIRECTIONS.flatMap(([dir]) => services.map((s) => v[dir][s]))]),
    },
    delivery: {
      id: "delivery",
      title: "Delivery of sent messages",
      columns: ["Outcome", "Messages", "Share"],
      rows: (
        [
          ["Delivered", d.delivered],
          ["Sent, no delivery receipt", d.sentOnly],
          ["Failed", d.failed],
          ["Not sent yet", d.pending],
        ] as const
      ).map(([label, n]) => [label, n, percent(n, d.outbound)]),
    },
    errors: {
      id: "errors",
      title: "Top error codes",
      columns: ["Code", "Meaning", "Sendblue's message", "Failed messages"],
      rows: errors.map((e) => [e.code ?? "none", e.meaning, e.message ?? "", e.count]),
    },
    response: {
      id: "response",
      title: "First-response time",
      columns: ["Time to first reply", "Waits"],
      rows: RESPONSE_BUCKETS.map((b, i) => [b.label, fr.buckets[i]!.count]),
    },
    hours: {
      id: "hours",
      title: "Busiest hours (messages received)",
      columns: ["Weekday", ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`)],
      rows: busiestHours.map((hours, i) => [WEEKDAYS[i]!, ...hours]),
    },
    calls: {
      id: "calls",
      title: "Calls by disposition",
      columns: ["Disposition", "Calls"],
      rows: calls.map((c) => [c.disposition.replaceAll("_", " "), c.count]),
    },
    contacts: {
      id: "contacts",
      title: "New contacts and opt-outs",
      columns: ["Day", "New contacts", "Opt-outs"],
      rows: contacts.map((c) => [c.day, c.newContacts, c.optedOut]),
    },
  };
}

function sum(c: Record<Service, number>): number {
  return c.iMessage + c.SMS + c.RCS + c.other;
}
