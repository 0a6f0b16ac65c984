"use client";

import { useState } from "react";
import { sendJson } from "@/components/shell/api-client";

/** A line's name, renamed in place (Enter saves, Esc cancels; empty clears it). */
export function LineNameEditor({ id, name, onSaved }: { id: number; name: string | null; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(form: FormData) {
    setError(null);
    try {
      await sendJson(`/api/lines/${id}`, "PATCH", { name: String(form.get("name") ?? "") });
      setEditing(false);
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (!editing) {
    return (
      <span className="flex items-baseline gap-2">
        {name ? <span className="font-medium">{name}</span> : null}
        <button
          type="button"
          onClick={() => setEditing(true)}
          className="text-xs font-normal text-blue-700 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:text-blue-400"
        >
          {name ? "Rename" : "Name"}
        </button>
      </span>
    );
  }
  return (
    <form
      action={save}
      className="flex items-center gap-1.5"
      onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
    >
      <label className="sr-only" htmlFor={`line-name-${id}`}>
        Line name
      </label>
      <input
        id={`line-name-${id}`}
        name="name"
        defaultValue={name ?? ""}
        maxLength={60}
        autoFocus
        placeholder="e.g. Support"
        className="h-7 w-36 rounded-md border border-zinc-300 bg-white px-2 text-sm font-normal outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button
        type="submit"
        className="rounded-md bg-blue-600 px-2 py-0.5 text-xs font-medium text-white hover:bg-blue-700"
      >
        Save
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </form>
  );
}
