"use client";

import type { ChartTable } from "@/lib/insights/chart-tables";
import { ChartFrame } from "./chart-frame";
import { axisColors, COLORS, pick, useDarkMode } from "./chart-theme";
import { dayLabel, dayTitle } from "./day-label";

// Bars drawn from a chart's table: the first column names each bar (or day), each series is
// one numeric column. Only names cross from the server page (no functions): colours are keys
// of COLORS, and `note` names a column whose text the tooltip adds, e.g. a share.

type ColorKey = "accent" | "calls" | "optOut" | "delivered" | "sentOnly" | "failed" | "pending";

export type BarSeries = {
  column: number;
  /** One colour for the series, or one per bar. */
  color: ColorKey | ColorKey[];
};

export function TableBars({
  table,
  series,
  horizontal = false,
  days = false,
  note,
  unit,
  height = 240,
  testId,
}: {
  table: ChartTable;
  series: BarSeries[];
  horizontal?: boolean;
  /** The first column holds days (YYYY-MM-DD). */
  days?: boolean;
  note?: number;
  /** What a value counts, for the tooltip: "messages", "calls". */
  unit?: string;
  height?: number;
  testId?: string;
}) {
  const dark = useDarkMode();
  const { grid, text } = axisColors(dark);
  const labels = table.rows.map((r) => String(r[0]));
  const datasets = series.map((s) => ({
    label: table.columns[s.column]!,
    data: table.rows.map((r) => Number(r[s.column])),
    backgroundColor: Array.isArray(s.color) ? s.color.map((c) => pick(COLORS[c], dark)) : pick(COLORS[s.color], dark),
    borderRadius: 3,
    maxBarThickness: 48,
  }));
  const category = {
    grid: { display: false },
    // Days may skip labels to fit; named bars (buckets, outcomes, dispositions) never do.
    ticks: {
      color: text,
      maxRotation: 0,
      ...(days
        ? { autoSkipPadding: 12, callback: (_: unknown, i: number) => dayLabel(labels[i]!) }
        : { autoSkip: false }),
    },
  };
  const value = {
    beginAtZero: true,
    grid: { color: grid },
    border: { display: false },
    ticks: { color: text, precision: 0 },
  };
  return (
    <ChartFrame
      type="bar"
      label={table.title}
      height={height}
      testId={testId}
      data={{ labels, datasets }}
      points={labels.map((_, index) => datasets.map((_, datasetIndex) => ({ datasetIndex, index })))}
      options={{
        indexAxis: horizontal ? "y" : "x",
        interaction: { mode: "index", intersect: false, axis: horizontal ? "y" : "x" },
        scales: horizontal ? { y: category, x: value } : { x: category, y: value },
        plugins: {
          legend: {
            display: datasets.length > 1,
            position: "bottom",
            labels: { color: text, boxWidth: 12, boxHeight: 12 },
          },
          tooltip: {
            callbacks: {
              title: (items) => (days ? dayTitle(labels[items[0]!.dataIndex]!) : labels[items[0]!.dataIndex]!),
              label: (item) => {
                const n = item.parsed[horizontal ? "x" : "y"];
                const extra = note === undefined ? "" : ` (${table.rows[item.dataIndex]![note]})`;
                return datasets.length > 1 || !unit ? `${item.dataset.label}: ${n}${extra}` : `${n} ${unit}${extra}`;
              },
            },
          },
        },
      }}
    />
  );
}
