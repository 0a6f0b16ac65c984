import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { ChartCard } from "@/components/insights/chart-card";
import { HoursHeatmap } from "@/components/insights/hours-heatmap";
import { InsightsFilters } from "@/components/insights/insights-filters";
import { SummaryTiles } from "@/components/insights/summary-tiles";
import { TableBars } from "@/components/insights/table-bars";
import { TimeZoneSync } from "@/components/insights/time-zone-sync";
import { VolumeChart } from "@/components/insights/volume-chart";
import { PageFrame } from "@/components/shell/page-frame";
import { db } from "@/lib/db/client";
import { formatPhone } from "@/lib/format/phone-number";
import type { ChartId } from "@/lib/insights/chart-ids";
import { chartTables } from "@/lib/insights/chart-tables";
import {
  addDays,
  daysBetween,
  isCalendarDay,
  isTimeZone,
  MAX_DAYS,
  PRESETS,
  presetDays,
  type Preset,
} from "@/lib/insights/insights-range";
import { loadInsights } from "@/lib/insights/load-insights";
import { TIME_ZONE_COOKIE } from "@/lib/insights/viewer-time-zone";

export const metadata: Metadata = { title: "Insights · Sendblue Inbox" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function InsightsPage({ searchParams }: { searchParams: Search }) {
  await connection(); // live data: never prerendered at build time
  const raw = await searchParams;
  const cookieZone = decodeURIComponent((await cookies()).get(TIME_ZONE_COOKIE)?.value ?? "");
  const timeZone = isTimeZone(cookieZone) ? cookieZone : "UTC";

  // A hand-edited URL that makes no sense shows the last 30 days rather than an error page.
  const [from, to] = [first(raw.from), first(raw.to)];
  const custom = first(raw.range) === "custom" && isCalendarDay(from) && isCalendarDay(to) && from <= to;
  const preset: Preset = first(raw.range) in PRESETS ? (first(raw.range) as Preset) : "30d";
  const days = custom
    ? { fromDay: daysBetween(from, to) < MAX_DAYS ? from : addDays(to, 1 - MAX_DAYS), toDay: to }
    : presetDays(preset, new Date(), timeZone);

  const lines = await db().line.findMany({ select: { number: true, name: true }, orderBy: { number: "asc" } });
  const line = lines.some((l) => l.number === first(raw.line)) ? first(raw.line) : "";
  const insights = await loadInsights(db(), {
    from: days.fromDay,
    to: days.toDay,
    tz: timeZone,
    ...(line ? { line } : {}),
  });
  const tables = chartTables(insights);
  const query = new URLSearchParams({ from: days.fromDay, to: days.toDay, tz: timeZone, ...(line ? { line } : {}) });
  const csv = (id: ChartId) => `/api/insights/${id}.csv?${query}`;
  const card = (id: ChartId) => ({ table: tables[id], csvHref: csv(id) });

  return (
    <PageFrame
      title="Insights"
      description={`Messages, delivery, response times and calls, ${days.fromDay} to ${days.toDay}. Days and hours in ${timeZone}.`}
      actions={
        <InsightsFilters
          range={custom ? "custom" : preset}
          from={days.fromDay}
          to={days.toDay}
          line={line}
          lines={lines.map((l) => ({
            number: l.number,
            label: l.name ? `${l.name} · ${formatPhone(l.number)}` : formatPhone(l.number),
          }))}
        />
      }
    >
      <TimeZoneSync serverZone={timeZone} />
      <SummaryTiles {...card("summary")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard {...card("volume")} wide description="Two bars a day: received, then sent, each split by service.">
          <VolumeChart table={tables.volume} />
        </ChartCard>
        <ChartCard
          {...card("delivery")}
          description="What became of the messages sent in these days, by their latest status."
        >
          <TableBars
            table={tables.delivery}
            series={[{ column: 1, color: ["delivered", "sentOnly", "failed", "pending"] }]}
            horizontal
            note={2}
            unit="messages"
            height={200}
            testId="delivery-chart"
          />
        </ChartCard>
        <ChartCard
          {...card("errors")}
          description="The commonest reasons sends failed, with what Sendblue's codes mean."
        />
        <ChartCard
          {...card("response")}
          description="From a customer's message to the first reply in that conversation, in wall-clock time (nights and weekends count)."
        >
          <TableBars
            table={tables.response}
            series={[{ column: 1, color: "accent" }]}
            unit="waits"
            height={220}
            testId="response-chart"
          />
        </ChartCard>
        <ChartCard {...card("calls")} description="Calls that started in these days, by how they ended.">
          <TableBars
            table={tables.calls}
            series={[{ column: 1, color: "calls" }]}
            horizontal
            unit="calls"
            height={220}
            testId="calls-chart"
          />
        </ChartCard>
        <ChartCard
          {...card("hours")}
          wide
          description={`When customers write: messages received by weekday and hour (${timeZone}).`}
        >
          <HoursHeatmap table={tables.hours} />
        </ChartCard>
        <ChartCard
          {...card("contacts")}
          wide
          description="Contacts first stored in these days, and contacts who opted out."
        >
          <TableBars
            table={tables.contacts}
            series={[
              { column: 1, color: "accent" },
              { column: 2, color: "optOut" },
            ]}
            days
            height={220}
            testId="contacts-chart"
          />
        </ChartCard>
      </div>
    </PageFrame>
  );
}
