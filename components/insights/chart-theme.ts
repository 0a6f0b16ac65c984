"use client";

import { useSyncExternalStore } from "react";

// Canvas charts cannot read Tailwind's dark: variants, so the colours come from here and
// follow the "dark" class the theme script and toggle set on <html>.

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

export function useDarkMode(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}

export type Shade = readonly [light: string, dark: string];
export const pick = (shade: Shade, dark: boolean) => shade[dark ? 1 : 0];

/**
 * Tailwind 4 palette values. A service keeps its hue in both stacks (received saturated, sent
 * pale) and the heat map one hue; the exact numbers are always in the chart's table.
 */
export const COLORS = {
  iMessage: { received: ["#2563eb", "#3b82f6"], sent: ["#93c5fd", "#bfdbfe"] },
  SMS: { received: ["#16a34a", "#22c55e"], sent: ["#86efac", "#bbf7d0"] },
  RCS: { received: ["#9333ea", "#a855f7"], sent: ["#d8b4fe", "#e9d5ff"] },
  other: { received: ["#52525b", "#a1a1aa"], sent: ["#a1a1aa", "#e4e4e7"] },
  delivered: ["#16a34a", "#22c55e"],
  sentOnly: ["#2563eb", "#60a5fa"],
  failed: ["#dc2626", "#f87171"],
  pending: ["#d97706", "#fbbf24"],
  accent: ["#2563eb", "#60a5fa"],
  calls: ["#7c3aed", "#a78bfa"],
  optOut: ["#dc2626", "#f87171"],
  heat: ["37, 99, 235", "96, 165, 250"],
  heatEmpty: ["#f4f4f5", "#27272a"],
  grid: ["#e4e4e7", "#27272a"],
  text: ["#52525b", "#a1a1aa"],
} as const satisfies Record<string, unknown>;

/** Axes and legend in the theme's greys. */
export function axisColors(dark: boolean) {
  return { grid: pick(COLORS.grid, dark), text: pick(COLORS.text, dark) };
}
