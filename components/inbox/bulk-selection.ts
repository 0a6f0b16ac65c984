import { useSyncExternalStore } from "react";

// Conversations selected for a bulk action (`x`, or a row's checkbox), outside React state
// like the live store, so toggling one row re-renders only the rows that read it.

let selected = new Set<number>();
const listeners = new Set<() => void>();

function emit(next: Set<number>) {
  selected = next;
  for (const fn of listeners) fn();
}

export function toggleSelected(id: number) {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  emit(next);
}

export function selectOnly(ids: number[]) {
  emit(new Set(ids));
}

export function clearSelected() {
  if (selected.size) emit(new Set());
}

export function selectedIds(): number[] {
  return [...selected];
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

export function useSelectedIds(): Set<number> {
  return useSyncExternalStore(
    subscribe,
    () => selected,
    () => selected,
  );
}

export function useIsSelected(id: number): boolean {
  return useSyncExternalStore(
    subscribe,
    () => selected.has(id),
    () => false,
  );
}
