"use client";

import { useId, useState } from "react";
import { sendJson } from "@/components/shell/api-client";

// Name a number from its thread: first, last and company, saved to the contact (created if
// Sendblue never sent one). Every open page hears the `contact` event and shows the name.

type Contact = { number: string; firstName: string | null; lastName: string | null; companyName: string | null };

export function ContactNameEditor({ number, named, onSaved }: { number: string; named: boolean; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function save(form: FormData) {
    setSaving(true);
    setError(null);
    try {
      await sendJson<{ contact: Contact }>(`/api/contacts/${encodeURIComponent(number)}`, "PATCH", {
        firstName: form.get("firstName"),
        lastName: form.get("lastName"),
        companyName: form.get("companyName"),
      });
      setOpen(false);
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const input =
    "h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <div className="relative shrink-0">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-2 py-1 text-[12px] font-medium text-blue-700 hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:text-blue-400 dark:hover:bg-zinc-800"
      >
        {named ? "Edit name" : "Name this number"}
      </button>
      {open && (
        <form
          id={id}
          action={save}
          aria-label="Contact name"
          className="absolute top-full right-0 z-20 mt-1 w-64 space-y-2 rounded-lg border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        >
          <label className="block text-xs text-zinc-600 dark:text-zinc-400">
            First name
            <input name="firstName" autoFocus className={input} maxLength={100} />
          </label>
          <label className="block text-xs text-zinc-600 dark:text-zinc-400">
            Last name
            <input name="lastName" className={input} maxLength={100} />
          </label>
          <label className="block text-xs text-zinc-600 dark:text-zinc-400">
            Company
            <input name="companyName" className={input} maxLength={100} />
          </label>
          {error && (
            <p role="alert" className="text-xs text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="rounded-md px-2.5 py-1 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={saving}
              className="rounded-md bg-blue-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-60"
            >
              {saving ? "Saving…" : "Save"}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
