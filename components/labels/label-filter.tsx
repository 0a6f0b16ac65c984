"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLabels } from "./use-labels";

// The list header's label picker. The label lives in the inbox URL (?label=<name>), so a
// filtered inbox can be bookmarked and shared.

export function LabelFilter() {
  const { labels } = useLabels();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const current = params.get("label") ?? "";
  if (labels.length === 0 && !current) return null;
  return (
    <label className="min-w-0 flex-1">
      <span className="sr-only">Filter by label</span>
      <select
        value={current}
        data-testid="label-filter"
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.target.value) next.set("label", e.target.value);
          else next.delete("label");
          const qs = next.toString();
          router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
        }}
        className="h-7 w-full rounded-md border border-zinc-200 bg-white px-1.5 outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="">All labels</option>
        {current && !labels.some((l) => l.name === current) ? <option value={current}>{current}</option> : null}
        {labels.map((l) => (
          <option key={l.id} value={l.name}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
