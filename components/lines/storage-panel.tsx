import { byteSize } from "@/components/inbox/format";
import type { StorageReport } from "@/lib/retention/storage-report";

const size = (bytes: number) => byteSize(bytes) ?? "0 B";

/** Where the disk goes, and what WEBHOOK_LOG_DAYS / MEDIA_KEEP_DAYS would free (or do free). */
export function StoragePanel({ report }: { report: StorageReport }) {
  const approx = report.estimated ? "≈ " : "";
  return (
    <section
      aria-labelledby="storage-heading"
      className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
      data-testid="storage"
    >
      <h2 id="storage-heading" className="font-medium">
        Storage and retention
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The database holds {size(report.totalBytes)}. Webhook bodies are kept{" "}
        <strong className="font-medium text-zinc-800 dark:text-zinc-200">
          {report.webhookLogDays ? `for ${report.webhookLogDays} days` : "forever"}
        </strong>{" "}
        (<code className="font-mono text-xs">WEBHOOK_LOG_DAYS</code>), attachment copies{" "}
        <strong className="font-medium text-zinc-800 dark:text-zinc-200">
          {report.mediaKeepDays ? `for ${report.mediaKeepDays} days` : "forever"}
        </strong>{" "}
        (<code className="font-mono text-xs">MEDIA_KEEP_DAYS</code>).
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <table className="self-start text-sm">
          <caption className="pb-1 text-left text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Largest tables
          </caption>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {report.tables.map((t) => (
              <tr key={t.name}>
                <th scope="row" className="py-1 pr-3 text-left font-mono text-xs font-normal">
                  {t.name}
                </th>
                <td className="py-1 pr-3 text-right tabular-nums text-zinc-600 dark:text-zinc-400">
                  {t.rows === null ? "" : `≈ ${t.rows.toLocaleString()} rows`}
                </td>
                <td className="py-1 text-right tabular-nums">{size(t.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="self-start text-sm">
          <caption className="pb-1 text-left text-xs font-medium text-zinc-600 dark:text-zinc-400">
            What a limit would free now
          </caption>
          <thead>
            <tr className="text-xs text-zinc-600 dark:text-zinc-400">
              <th scope="col" className="py-1 pr-3 text-left font-normal">
                Older than
              </th>
              <th scope="col" className="py-1 pr-3 text-right font-normal">
                Webhook bodies
              </th>
              <th scope="col" className="py-1 text-right font-normal">
                Attachment copies
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {report.webhookBodies.map((h, i) => (
              <tr key={h.days}>
                <th scope="row" className="py-1 pr-3 text-left font-normal">
                  {h.days} days
                </th>
                <td className="py-1 pr-3 text-right tabular-nums">
                  {approx}
                  {size(h.bytes)}
                </td>
                <td className="py-1 text-right tabular-nums">{size(report.keptMedia[i]!.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.estimated ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">≈ estimated from a 1 % sample of the webhook log.</p>
      ) : null}
    </section>
  );
}
