import { chipClass } from "@/lib/labels/palette";

// Labels as small coloured chips (list rows, thread header). Past `max`, a "+N" says how
// many more there are; every name stays in the accessible label.

export type LabelChip = { id: number; name: string; color: string };

export function LabelChips({
  labels,
  max = 3,
  className = "",
}: {
  labels: LabelChip[];
  max?: number;
  className?: string;
}) {
  if (labels.length === 0) return null;
  const shown = labels.slice(0, max);
  return (
    <ul
      aria-label={`Labels: ${labels.map((l) => l.name).join(", ")}`}
      className={`flex min-w-0 items-center gap-1 ${className}`}
      data-testid="label-chips"
    >
      {shown.map((l) => (
        <li
          key={l.id}
          className={`min-w-0 max-w-28 truncate rounded-full px-1.5 text-[10.5px] leading-4 font-medium ring-1 ring-inset ${chipClass(l.color)}`}
        >
          {l.name}
        </li>
      ))}
      {labels.length > max ? (
        <li aria-hidden className="text-[10.5px] text-zinc-500 dark:text-zinc-400">
          +{labels.length - max}
        </li>
      ) : null}
    </ul>
  );
}
