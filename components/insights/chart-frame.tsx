"use client";

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  Tooltip,
  type ActiveElement,
  type ChartData,
  type ChartOptions,
  type ChartType,
  type TooltipModel,
} from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";
import { useCallback, useRef, useState } from "react";
import { Chart } from "react-chartjs-2";

// Every Insights chart is drawn by Chart.js inside this frame, which adds what a canvas
// lacks: the tooltip as HTML (readable in both themes, and testable), and keys — focus the
// chart, then arrows move from point to point (up/down by a row in the heat map), the
// tooltip follows and a live region reads it out. The table under each chart stays the
// full account for screen readers; the canvas itself is hidden from them.

ChartJS.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  MatrixController,
  MatrixElement,
);

type Tip = { x: number; y: number; title: string; lines: { text: string; color: string }[]; footer: string };
type Point = { datasetIndex: number; index: number };

export function ChartFrame<T extends ChartType>({
  type,
  data,
  options,
  label,
  height,
  points,
  rowLength,
  testId,
}: {
  type: T;
  data: ChartData<T>;
  options: ChartOptions<T>;
  /** Names the chart for assistive technology. */
  label: string;
  height: number;
  /** What the arrow keys step through: each entry is shown together (all series of one day). */
  points: Point[][];
  /** Points per row, for up/down (the heat map's hours). */
  rowLength?: number;
  testId?: string;
}) {
  const chartRef = useRef<ChartJS<T>>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const cursor = useRef(-1);

  const external = useCallback(({ tooltip }: { tooltip: TooltipModel<T> }) => {
    if (tooltip.opacity === 0 || !tooltip.dataPoints?.length) return setTip(null);
    setTip({
      x: tooltip.caretX,
      y: tooltip.caretY,
      title: tooltip.title.join(" "),
      lines: tooltip.body.flatMap((b, i) =>
        b.lines.map((text) => ({ text, color: String(tooltip.labelColors[i]?.backgroundColor ?? "") })),
      ),
      footer: tooltip.footer.join(" "),
    });
  }, []);

  const merged = {
    ...options,
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { ...options?.plugins, tooltip: { ...options?.plugins?.tooltip, enabled: false, external } },
  } as ChartOptions<T>;

  function show(next: number) {
    const chart = chartRef.current;
    if (!chart || !points.length) return;
    cursor.current = Math.max(0, Math.min(points.length - 1, next));
    const active: ActiveElement[] = points[cursor.current]!.map((p) => ({
      ...p,
      element: chart.getDatasetMeta(p.datasetIndex).data[p.index]!,
    }));
    const at = active[0]?.element.tooltipPosition(false) ?? { x: 0, y: 0 };
    chart.setActiveElements(active);
    chart.tooltip?.setActiveElements(active, { x: at.x ?? 0, y: at.y ?? 0 });
    chart.update();
  }

  function hide() {
    const chart = chartRef.current;
    cursor.current = -1;
    if (!chart) return;
    chart.setActiveElements([]);
    chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
    chart.update();
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const row = rowLength ?? points.length;
    const at = cursor.current;
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at < 0 ? 0 : at - 1,
      ArrowDown: at < 0 ? 0 : at + row,
      ArrowUp: at < 0 ? 0 : at - row,
      Home: 0,
      End: points.length - 1,
    };
    if (e.key === "Escape") return hide();
    if (!(e.key in moves)) return;
    e.preventDefault();
    show(moves[e.key]!);
  }

  const tipText = tip
    ? `${tip.title}: ${tip.lines.map((l) => l.text).join("; ")}${tip.footer ? `. ${tip.footer}` : ""}`
    : "";
  return (
    <div className="relative" style={{ height }} data-testid={testId}>
      <div
        role="group"
        aria-roledescription="chart"
        aria-label={`${label}. Use the arrow keys to read the values; the table lists all of them.`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onBlur={hide}
        className="h-full rounded-md"
      >
        <Chart ref={chartRef} type={type} data={data} options={merged} aria-hidden="true" />
      </div>
      {tip ? (
        <div
          data-testid="chart-tooltip"
          aria-hidden="true"
          className="pointer-events-none absolute z-10 min-w-36 -translate-x-1/2 -translate-y-full rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900"
          style={{ left: tip.x, top: Math.max(tip.y - 8, 0) }}
        >
          <p className="font-medium text-zinc-900 dark:text-zinc-100">{tip.title}</p>
          <ul className="mt-0.5 space-y-0.5 text-zinc-700 dark:text-zinc-300">
            {tip.lines.map((l) => (
              <li key={l.text} className="flex items-center gap-1.5 whitespace-nowrap">
                <span className="inline-block size-2 shrink-0 rounded-sm" style={{ backgroundColor: l.color }} />
                {l.text}
              </li>
            ))}
          </ul>
          {tip.footer ? (
            <p className="mt-1 border-t border-zinc-200 pt-1 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              {tip.footer}
            </p>
          ) : null}
        </div>
      ) : null}
      <p role="status" className="sr-only">
        {tipText}
      </p>
    </div>
  );
}
