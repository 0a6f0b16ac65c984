"use client";

import { useEffect, useRef } from "react";
import { isTypingTarget, modalOpen } from "./keyboard-target";
import { SHORTCUTS } from "./shortcut-list";

// `?` (or the "Keyboard shortcuts" button) lists every key the inbox answers to. A native
// modal <dialog>: it traps focus, Esc closes it, and focus returns where it was. Its own
// `open` attribute tells the other shortcuts a modal is up (keyboard-target.ts): it changes
// with the key that closes it, where a React state would change a render later, and the
// next key (j) would still be refused.

const OPEN_EVENT = "inbox:shortcuts";

export function openShortcuts() {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

export function ShortcutsDialog() {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const show = () => {
      if (ref.current?.open) return;
      ref.current?.showModal();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "?" || e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (isTypingTarget(e.target) || modalOpen()) return;
      e.preventDefault();
      show();
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener(OPEN_EVENT, show);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener(OPEN_EVENT, show);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      onClick={(e) => e.target === e.currentTarget && ref.current?.close()}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="p-5">
        <div className="mb-3 flex items-center justify-between gap-4">
          <h2 id="shortcuts-title" className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <form method="dialog">
            <button
              type="submit"
              className="rounded-md px-2 py-1 text-sm text-zinc-600 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              Close
            </button>
          </form>
        </div>
        <table className="w-full text-[13px]">
          <tbody>
            {SHORTCUTS.map((s, i) => (
              <tr key={i} className="border-t border-zinc-100 dark:border-zinc-800">
                <th scope="row" className="py-1.5 pr-4 text-left align-top font-normal whitespace-nowrap">
                  {s.keys.map((k, j) => (
                    <span key={k}>
                      {j > 0 && (
                        <span className="px-1 text-zinc-500 dark:text-zinc-400">
                          {s.keys[0] === "Shift" ? "+" : "/"}
                        </span>
                      )}
                      <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-sans text-[12px] dark:border-zinc-600 dark:bg-zinc-800">
                        {k}
                      </kbd>
                    </span>
                  ))}
                </th>
                <td className="py-1.5 text-zinc-700 dark:text-zinc-300">{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </dialog>
  );
}
