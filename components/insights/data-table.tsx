import type { ChartTable } from "@/lib/insights/chart-tables";

// A chart's table as HTML: the first column labels each row, numbers align right.

const cell = "px-2.5 py-1.5";

/**
 * `hidden`: there for screen readers only. Shown, a wide table scrolls sideways inside its
 * card, so its frame takes focus for keyboard scrolling.
 */
export function DataTable({ table, id, hidden = false }: { table: ChartTable; id?: string; hidden?: boolean }) {
  const numeric = table.columns.map((_, i) => i > 0 && table.rows.every((r) => typeof r[i] === "number"));
  return (
    <div
      id={id}
      {...(hidden
        ? { className: "sr-only" }
        : {
            className: "overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800",
            tabIndex: 0,
            role: "region",
            "aria-label": `${table.title}, table`,
          })}
    >
      <table className="w-full text-left text-sm tabular-nums" data-testid={`table-${table.id}`}>
        <caption className="sr-only">{table.title}</caption>
        <thead className="bg-zinc-50 text-xs font-medium text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {table.columns.map((c, i) => (
              <th key={c} scope="col" className={`${cell} whitespace-nowrap ${numeric[i] ? "text-right" : ""}`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {table.rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((value, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className={`${cell} font-medium whitespace-nowrap`}>
                    {value}
                  </th>
                ) : (
                  <td
                    key={i}
                    className={`${cell} ${typeof value === "number" ? "text-right whitespace-nowrap" : "min-w-40"}`}
                  >
                    {typeof value === "number" ? value.toLocaleString("en-US") : value}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
