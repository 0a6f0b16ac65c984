// The label colours: a fixed palette, so every chip is readable in light and dark (text on
// its tint passes WCAG AA in both; the tints are opaque, so a chip on a selected, blue, row
// does too) and no one stores a free-form CSS value. Class names are written out in full so
// Tailwind finds them.

export const LABEL_COLORS = ["gray", "red", "orange", "yellow", "green", "teal", "blue", "purple"] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

export const LABEL_CHIP_CLASS: Record<LabelColor, string> = {
  gray: "bg-zinc-100 text-zinc-800 ring-zinc-300 dark:bg-zinc-700 dark:text-zinc-100 dark:ring-zinc-500",
  red: "bg-red-100 text-red-800 ring-red-300 dark:bg-red-900 dark:text-red-100 dark:ring-red-700",
  orange: "bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-900 dark:text-orange-100 dark:ring-orange-700",
  yellow: "bg-yellow-100 text-yellow-900 ring-yellow-300 dark:bg-yellow-900 dark:text-yellow-100 dark:ring-yellow-700",
  green: "bg-green-100 text-green-800 ring-green-300 dark:bg-green-900 dark:text-green-100 dark:ring-green-700",
  teal: "bg-teal-100 text-teal-800 ring-teal-300 dark:bg-teal-900 dark:text-teal-100 dark:ring-teal-700",
  blue: "bg-blue-100 text-blue-800 ring-blue-300 dark:bg-blue-900 dark:text-blue-100 dark:ring-blue-700",
  purple: "bg-purple-100 text-purple-800 ring-purple-300 dark:bg-purple-900 dark:text-purple-100 dark:ring-purple-700",
};

/** A colour that is not (or no longer) in the palette shows as gray. */
export function chipClass(color: string): string {
  return LABEL_CHIP_CLASS[(LABEL_COLORS as readonly string[]).includes(color) ? (color as LabelColor) : "gray"];
}
