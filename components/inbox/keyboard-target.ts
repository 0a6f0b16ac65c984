// Single-key shortcuts (j, k, r, ?, /) must not fire while the agent types, nor behind an
// open dialog (photo viewer, shortcut list), which owns the keyboard.

export function isTypingTarget(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return Boolean(t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)));
}

export function modalOpen(): boolean {
  // A native modal <dialog> (the shortcut list) says so itself, at once: dialog[open].
  return document.querySelector("[data-modal-open], dialog[open]") !== null;
}
