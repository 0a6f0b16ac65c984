import type { TaskProgress } from "@/lib/db/background-tasks";

/** Work an upgrade continues in the background (lib/db/background-tasks.ts), while the inbox serves. */
export function UpgradeTasksPanel({ tasks }: { tasks: TaskProgress[] }) {
  if (!tasks.length) return null;
  return (
    <section
      aria-labelledby="upgrade-tasks-heading"
      className="space-y-3 rounded-xl border border-blue-200 bg-blue-50 p-4 text-blue-950 dark:border-blue-900/60 dark:bg-blue-950/40 dark:text-blue-100"
      data-testid="upgrade-tasks"
    >
      <h2 id="upgrade-tasks-heading" className="font-medium">
        Finishing an upgrade in the background
      </h2>
      <p className="text-sm">
        The inbox works meanwhile; what needs this work behaves as before the upgrade until it is done.
      </p>
      <ul className="space-y-3 text-sm">
        {tasks.map((t) => (
          <li key={t.name} className="space-y-1">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span>{t.description}</span>
              <span className="tabular-nums">
                {t.state === "failed" ? "failed — retrying" : t.percent === null ? t.state : `${t.percent}%`}
              </span>
            </div>
            {t.percent !== null ? (
              <div
                role="progressbar"
                aria-label={t.description}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={t.percent}
                className="h-1.5 overflow-hidden rounded-full bg-blue-200 dark:bg-blue-900"
              >
                <div className="h-full rounded-full bg-blue-600 dark:bg-blue-400" style={{ width: `${t.percent}%` }} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
