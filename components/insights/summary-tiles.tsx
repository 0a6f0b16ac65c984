import type { ChartTable } from "@/lib/insights/chart-tables";

// The summary table's rows as tiles: the same measures and values its CSV holds.

export function SummaryTiles({ table, csvHref }: { table: ChartTable; csvHref: string }) {
  return (
    <section aria-labelledby="insights-summary" data-testid="card-summary" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="insights-summary" className="text-base font-semibold">
          {table.title}
        </h2>
        <a
          href={csvHref}
          download
          className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          CSV<span className="sr-only"> of the summary</span>
        </a>
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6">
        {table.rows.map(([measure, value]) => (
          <div key={String(measure)} className="rounded-xl border border-zinc-200 px-3 py-2.5 dark:border-zinc-800">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{measure}</dt>
            <dd className="mt-0.5 tabular-nums">
              <Value value={value!} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** "40.0% (4 of 10)": the share large, the counts beside it. */
function Value({ value }: { value: string | number }) {
  if (typeof value === "number") return <span className="text-lg font-semibold">{value.toLocaleString("en-US")}</span>;
  const [main, detail] = value.split(/ (?=\()/);
  return (
    <>
      <span className="text-lg font-semibold">{main}</span>
      {detail ? <span className="text-xs text-zinc-600 dark:text-zinc-400"> {detail}</span> : null}
    </>
  );
}
