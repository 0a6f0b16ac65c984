"use client";

import type { ChartTable } from "@/lib/insights/chart-tables";
import { ChartFrame } from "./chart-frame";
import { axisColors, COLORS, pick, useDarkMode } from "./chart-theme";
import { dayLabel, dayTitle } from "./day-label";

// Messages per day: two stacks a day, received and sent, each split by service. Drawn from
// the volume table's columns ("Received · iMessage", …), so the chart, its table and its CSV
// show the same numbers.

export function VolumeChart({ table }: { table: ChartTable }) {
  const dark = useDarkMode();
  const { grid, text } = axisColors(dark);
  const days = table.rows.map((r) => String(r[0]));
  const series = table.columns.slice(1).map((column, i) => {
    const [direction, service] = column.split(" · ") as [string, "iMessage" | "SMS" | "RCS" | "other"];
    const received = direction === "Received";
    return {
      label: column,
      data: table.rows.map((r) => Number(r[i + 1])),
      stack: direction,
      backgroundColor: pick(COLORS[service][received ? "received" : "sent"], dark),
    };
  });
  const totals = (index: number, direction: string) =>
    series.filter((s) => s.stack === direction).reduce((n, s) => n + s.data[index]!, 0);
  return (
    <ChartFrame
      type="bar"
      label={table.title}
      height={288}
      testId="volume-chart"
      data={{ labels: days, datasets: series }}
      points={days.map((_, index) => series.map((_, datasetIndex) => ({ datasetIndex, index })))}
      options={{
        interaction: { mode: "index", intersect: false },
        scales: {
          x: {
            stacked: true,
            grid: { display: false },
            ticks: { color: text, maxRotation: 0, autoSkipPadding: 12, callback: (_, i) => dayLabel(days[i]!) },
          },
          y: {
            stacked: true,
            beginAtZero: true,
            grid: { color: grid },
            border: { display: false },
            ticks: { color: text, precision: 0 },
          },
        },
        plugins: {
          legend: { position: "bottom", labels: { color: text, boxWidth: 12, boxHeight: 12 } },
          tooltip: {
            callbacks: {
              title: (items) => dayTitle(days[items[0]!.dataIndex]!),
              label: (item) => `${item.dataset.label}: ${item.parsed.y}`,
              footer: (items) =>
                `Received ${totals(items[0]!.dataIndex, "Received")}, sent ${totals(items[0]!.dataIndex, "Sent")}`,
            },
          },
        },
      }}
    />
  );
}
