"use client";

import { useId, useState } from "react";
import type { ChartTable } from "@/lib/insights/chart-tables";
import { DataTable } from "./data-table";

// A chart with its table and CSV. The table is always in the page for screen readers
// (visually hidden until "Show table"); a table-only card (error codes) shows it outright.

const button =
  "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800";

export function ChartCard({
  table,
  csvHref,
  description,
  wide = false,
  children,
}: {
  table: ChartTable;
  csvHref: string;
  description?: React.ReactNode;
  wide?: boolean;
  /** The chart; without one the table is the card. */
  children?: React.ReactNode;
}) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const headingId = useId();
  const tableOnly = !children;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`card-${table.id}`}
      className={`min-w-0 space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800 ${wide ? "lg:col-span-2" : ""}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="space-y-0.5">
          <h2 id={headingId} className="text-base font-semibold">
            {table.title}
          </h2>
          {description ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{description}</p> : null}
        </div>
        <div className="flex items-center gap-1.5">
          {tableOnly || !table.rows.length ? null : (
            <button
              type="button"
              className={button}
              aria-pressed={showTable}
              aria-controls={tableId}
              onClick={() => setShowTable((v) => !v)}
            >
              {showTable ? "Hide table" : "Show table"}
            </button>
          )}
          <a href={csvHref} download className={button}>
            CSV<span className="sr-only"> of {table.title}</span>
          </a>
        </div>
      </div>
      {table.rows.length ? children : null}
      {table.rows.length ? (
        <DataTable table={table} id={tableId} hidden={!tableOnly && !showTable} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing in these days.</p>
      )}
    </section>
  );
}
