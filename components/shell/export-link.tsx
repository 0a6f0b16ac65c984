"use client";

import { useEffect, useState } from "react";

// "Export CSV" on the search and contacts pages: a plain download link to an export route
// (keyboard and middle-click work as for any link). The viewer's time zone is added once in
// the browser, so the file's times read as the page's do; the server render has no zone.

export function ExportLink({ path, query, label = "Export CSV" }: { path: string; query: string; label?: string }) {
  const [tz, setTz] = useState<string | null>(null);
  useEffect(() => setTz(Intl.DateTimeFormat().resolvedOptions().timeZone || null), []);
  const params = new URLSearchParams(query);
  if (tz) params.set("tz", tz);
  const qs = params.toString();
  return (
    <a
      href={qs ? `${path}?${qs}` : path}
      download
      data-testid="export-csv"
      className="inline-flex shrink-0 items-center gap-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
    >
      <svg viewBox="0 0 20 20" aria-hidden className="h-4 w-4 fill-current">
        <path d="M10 2a1 1 0 0 1 1 1v7.6l2.3-2.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 1.4-1.4L9 10.6V3a1 1 0 0 1 1-1ZM4 15a1 1 0 0 1 1 1v1h10v-1a1 1 0 1 1 2 0v2a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-2a1 1 0 0 1 1-1Z" />
      </svg>
      {label}
    </a>
  );
}
