/** A scrolling page under the top bar with a heading; the inbox fills the space its own way. */
export function PageFrame({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    // Focusable so a keyboard can scroll it when a page (Lines) has nothing focusable to scroll to.
    <main tabIndex={0} aria-label={title} className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-6xl space-y-5 px-4 py-6">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="space-y-1">
            <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
            {description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
          </div>
          {actions}
        </div>
        {children}
      </div>
    </main>
  );
}
