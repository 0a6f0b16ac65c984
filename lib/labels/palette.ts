// The label colours: a fixed palette, so every chip is readable in light and dark (text on
// its tint passes WCAG AA in both) and no one stores a free-form CSS value. Class names are
// written out in full so Tailwind finds them.

export const LABEL_COLORS = ["gray", "red", "orange", "yellow", "green", "teal", "blue", "purple"] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

export const LABEL_CHIP_CLASS: Record<LabelColor, string> = {
  gray: "bg-zinc-100 text-zinc-800 ring-zinc-300 dark:bg-zinc-700/60 dark:text-zinc-100 dark:ring-zinc-600",
  red: "bg-red-100 text-red-800 ring-red-300 dark:bg-red-500/25 dark:text-red-100 dark:ring-red-500/50",
  orange: "bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-500/25 dark:text-orange-100 dark:ring-orange-500/50",
  yellow: "bg-yellow-100 text-yellow-900 ring-yellow-300 dark:bg-yellow-500/25 dark:text-yellow-100 dark:ring-yellow-500/50",
  green: "bg-green-100 text-green-800 ring-green-300 dark:bg-green-500/25 dark:text-green-100 dark:ring-green-500/50",
  teal: "bg-teal-100 text-teal-800 ring-teal-300 dark:bg-teal-500/25 dark:text-teal-100 dark:ring-teal-500/50",
  blue: "bg-blue-100 text-blue-800 ring-blue-300 dark:bg-blue-500/25 dark:text-blue-100 dark:ring-blue-500/50",
  purple: "bg-purple-100 text-purple-800 ring-purple-300 dark:bg-purple-500/25 dark:text-purple-100 dark:ring-purple-500/50",
};

/** A colour that is not (or no longer) in the palette shows as gray. */
export function chipClass(color: string): string {
  return LABEL_CHIP_CLASS[(LABEL_COLORS as readonly string[]).includes(color) ? (color as LabelColor) : "gray"];
}
