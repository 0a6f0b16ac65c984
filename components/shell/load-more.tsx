/** The foot of a keyset-paged list: the last error, if any, and a "Load more" button. */
export function LoadMore({
  error,
  hasMore,
  loading,
  onLoad,
}: {
  error: Error | undefined;
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
      {hasMore ? (
        <button
          type="button"
          onClick={onLoad}
          disabled={loading}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          {loading ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </>
  );
}
