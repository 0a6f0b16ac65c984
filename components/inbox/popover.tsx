"use client";

import { useEffect, useRef, useState } from "react";

// A small non-modal popover under a button (snooze and assign pickers, the export menu).
// While it is open it owns the keyboard (data-modal-open stops the inbox's single-key
// shortcuts), ↑/↓ move between its buttons and links, Esc closes it and gives focus back
// to its button. `openEvent` lets a shortcut key open it.

export const POPOVER_EVENT = "inbox:popover";

export function openPopover(name: string) {
  window.dispatchEvent(new CustomEvent(POPOVER_EVENT, { detail: name }));
}

export function Popover({
  name,
  label,
  button,
  buttonClassName,
  children,
  tabIndex,
  align = "right",
  placement = "below",
}: {
  name: string;
  label: string;
  button: React.ReactNode;
  buttonClassName: string;
  children: (close: () => void) => React.ReactNode;
  /** Set inside a roving group (roving-group.ts). */
  tabIndex?: number;
  /** Which edge of the button the popover lines up with (left in the list, right in the thread header). */
  align?: "left" | "right";
  /** Above the button where there is no room below it (the composer). */
  placement?: "below" | "above";
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onOpen = (e: Event) => (e as CustomEvent<string>).detail === name && setOpen(true);
    window.addEventListener(POPOVER_EVENT, onOpen);
    return () => window.removeEventListener(POPOVER_EVENT, onOpen);
  }, [name]);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>("[data-popover-body] :is(button, a[href], input)")?.focus();
    const onDown = (e: PointerEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        tabIndex={tabIndex}
        data-roving={tabIndex !== undefined || undefined}
        onClick={() => setOpen((o) => !o)}
        className={buttonClassName}
      >
        {button}
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={label}
          data-modal-open
          data-popover-body
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              close();
            } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              const items = [
                ...(root.current?.querySelectorAll<HTMLElement>("[data-popover-body] :is(button, a[href])") ?? []),
              ];
              const at = items.indexOf(document.activeElement as HTMLElement);
              const next = items[(at + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length];
              if (next) e.preventDefault(), next.focus();
            }
          }}
          className={`absolute ${align === "left" ? "left-0" : "right-0"} ${placement === "above" ? "bottom-full mb-1" : "mt-1"} z-30 w-64 rounded-xl border border-zinc-200 bg-white p-1 text-[13px] text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100`}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}

export const popoverItem =
  "flex w-full items-center gap-2 rounded-lg px-2.5 py-1.5 text-left outline-none hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800";
