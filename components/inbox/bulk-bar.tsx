"use client";

import { clearSelected, useSelectedIds } from "./bulk-selection";
import { WorkflowControls } from "./workflow-controls";

// Shown above the list while conversations are selected for a bulk action (`x`).

export function BulkBar() {
  const selected = useSelectedIds();
  if (!selected.size) return null;
  return (
    <div
      role="region"
      aria-label="Selected conversations"
      className="flex flex-wrap items-center gap-2 border-b border-blue-200 bg-blue-50 px-3 py-2 text-[12px] dark:border-blue-900/60 dark:bg-blue-950/50"
    >
      <span className="font-medium text-blue-900 dark:text-blue-100" data-testid="bulk-count">
        {selected.size} selected
      </span>
      <button
        type="button"
        onClick={clearSelected}
        className="rounded px-1 text-blue-700 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-blue-500 dark:text-blue-300"
      >
        Clear
      </button>
      <div className="w-full">
        <WorkflowControls scope="bulk" ids={[...selected]} onDone={clearSelected} />
      </div>
    </div>
  );
}
