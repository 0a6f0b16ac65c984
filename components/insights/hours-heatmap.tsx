"use client";

import type { ChartTable } from "@/lib/insights/chart-tables";
import { ChartFrame } from "./chart-frame";
import { axisColors, COLORS, pick, useDarkMode } from "./chart-theme";

// Weekday × hour: one cell per hour of the week, darker for more messages received. Drawn
// from the hours table (a row per weekday, a column per hour) by chartjs-chart-matrix.

type Cell = { x: string; y: string; v: number };

export function HoursHeatmap({ table }: { table: ChartTable }) {
  const dark = useDarkMode();
  const { text } = axisColors(dark);
  const hours = table.columns.slice(1);
  const weekdays = table.rows.map((r) => String(r[0]));
  const cells: Cell[] = table.rows.flatMap((r) =>
    hours.map((h, i) => ({ x: h, y: String(r[0]), v: Number(r[i + 1]) })),
  );
  const max = Math.max(1, ...cells.map((c) => c.v));
  const rgb = pick(COLORS.heat, dark);
  return (
    <ChartFrame
      type="matrix"
      label={table.title}
      height={260}
      testId="hours-heatmap"
      rowLength={hours.length}
      data={{
        datasets: [
          {
            label: "Messages received",
            data: cells,
            backgroundColor: (ctx) => {
              const v = (ctx.raw as Cell | undefined)?.v ?? 0;
              // A floor on the alpha keeps the quietest hour apart from an empty one, in both themes.
              const floor = dark ? 0.3 : 0.2;
              return v ? `rgba(${rgb}, ${floor + (1 - floor) * (v / max)})` : pick(COLORS.heatEmpty, dark);
            },
            borderRadius: 2,
            width: ({ chart }) => (chart.chartArea?.width ?? 0) / hours.length - 2,
            height: ({ chart }) => (chart.chartArea?.height ?? 0) / weekdays.length - 2,
          },
        ],
      }}
      points={cells.map((_, index) => [{ datasetIndex: 0, index }])}
      options={{
        interaction: { mode: "nearest", intersect: true },
        scales: {
          x: {
            type: "category",
            labels: hours,
            offset: true,
            grid: { display: false },
            border: { display: false },
            ticks: { color: text, maxRotation: 0, autoSkipPadding: 6, callback: (_, i) => hours[i]!.slice(0, 2) },
          },
          y: {
            type: "category",
            labels: weekdays,
            offset: true,
            reverse: false,
            grid: { display: false },
            border: { display: false },
            ticks: { color: text },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => {
                const c = items[0]!.raw as Cell;
                const next = String((Number(c.x.slice(0, 2)) + 1) % 24).padStart(2, "0");
                return `${c.y} ${c.x}–${next}:00`;
              },
              label: (item) => {
                const v = (item.raw as Cell).v;
                return `${v} ${v === 1 ? "message" : "messages"} received`;
              },
            },
          },
        },
      }}
    />
  );
}
