/** What a new user sees instead of an empty table: what this is and what to do next. */
export function EmptyState({
  title,
  wide = false,
  children,
}: {
  title: string;
  wide?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700">
      <h2 className="text-base font-semibold">{title}</h2>
      <div
        className={`mx-auto mt-2 ${wide ? "max-w-3xl" : "max-w-prose"} space-y-3 text-sm text-zinc-600 dark:text-zinc-400`}
      >
        {children}
      </div>
    </div>
  );
}
