import type React from "react";

// A group of controls that is one Tab stop (roving tabindex, as the list and thread are):
// ←/→ move between its [data-roving] items, and the one last focused keeps the stop.
// Items render tabIndex={i === 0 ? 0 : -1}; focus moves the 0 along.

export function rovingKeyDown(e: React.KeyboardEvent<HTMLElement>) {
  if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>("[data-roving]")];
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  e.preventDefault();
  items[(at + (e.key === "ArrowRight" ? 1 : -1) + items.length) % items.length]!.focus();
}

export function rovingFocus(e: React.FocusEvent<HTMLElement>) {
  const target = e.target as HTMLElement;
  if (!target.hasAttribute("data-roving")) return;
  for (const item of e.currentTarget.querySelectorAll<HTMLElement>("[data-roving]"))
    item.tabIndex = item === target ? 0 : -1;
}
