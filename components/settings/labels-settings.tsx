"use client";

import { useState } from "react";
import { useLabels } from "@/components/labels/use-labels";
import { LABEL_COLORS, chipClass } from "@/lib/labels/palette";
import { sendJson } from "@/components/shell/api-client";
import { buttonClass, cardClass, inputClass, quietButtonClass } from "@/components/shell/form-classes";
import { FormNotes } from "@/components/shell/form-parts";

// Settings → Labels: the team's labels, created, renamed, recoloured and deleted here (or
// through /api/labels). Colours come from the fixed palette.

export function LabelsSettings() {
  const { labels, error, mutate } = useLabels();
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);

  async function run(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
    } catch (e) {
      setProblem((e as Error).message);
    }
    await mutate();
  }

  return (
    <section className={cardClass} aria-labelledby="labels-heading" data-testid="labels-settings">
      <div className="space-y-1">
        <h2 id="labels-heading" className="font-medium">
          Labels
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Shared by the team. Put them on conversations from the thread header (<kbd>l</kbd>) and filter the inbox by
          them.
        </p>
      </div>
      <form
        action={(form) =>
          run(() => sendJson("/api/labels", "POST", { name: form.get("name"), color: form.get("color") }))
        }
        className="flex flex-wrap items-end gap-2"
      >
        <label className="min-w-40 flex-1 space-y-1 text-sm">
          <span className="font-medium">New label</span>
          <input name="name" required maxLength={40} placeholder="Billing" className={inputClass} />
        </label>
        <ColourSelect name="color" defaultValue="blue" label="Colour" />
        <button type="submit" className={buttonClass}>
          Add label
        </button>
      </form>
      <FormNotes problem={problem} />
      <FormNotes problem={error?.message} />
      {labels.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No labels yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {labels.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
              <span
                className={`rounded-full px-2 text-[12px] leading-5 font-medium ring-1 ring-inset ${chipClass(l.color)}`}
              >
                {l.name}
              </span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {l.conversations} conversation{l.conversations === 1 ? "" : "s"}
              </span>
              <form
                className="ml-auto flex items-center gap-2"
                action={(form) =>
                  run(() =>
                    sendJson(`/api/labels/${l.id}`, "PATCH", { name: form.get("name"), color: form.get("color") }),
                  )
                }
              >
                <input
                  name="name"
                  defaultValue={l.name}
                  required
                  maxLength={40}
                  aria-label={`Name of ${l.name}`}
                  className={`${inputClass} w-36 py-1`}
                />
                <ColourSelect name="color" defaultValue={l.color} label={`Colour of ${l.name}`} />
                <button type="submit" className={quietButtonClass}>
                  Save
                </button>
              </form>
              {confirming === l.id ? (
                <span className="flex items-center gap-1">
                  <button
                    type="button"
                    className={`${quietButtonClass} text-red-700 dark:text-red-400`}
                    onClick={() => run(() => sendJson(`/api/labels/${l.id}`, "DELETE"))}
                  >
                    Delete from {l.conversations} conversation{l.conversations === 1 ? "" : "s"}
                  </button>
                  <button type="button" className={quietButtonClass} onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className={quietButtonClass}
                  onClick={() => setConfirming(l.id)}
                  aria-label={`Delete ${l.name}`}
                >
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ColourSelect({ name, defaultValue, label }: { name: string; defaultValue: string; label: string }) {
  return (
    <label className="shrink-0 space-y-1 text-sm">
      <span className="sr-only">{label}</span>
      <select name={name} defaultValue={defaultValue} className={`${inputClass} w-28 py-1`}>
        {LABEL_COLORS.map((c) => (
          <option key={c} value={c}>
            {c[0]!.toUpperCase() + c.slice(1)}
          </option>
        ))}
      </select>
    </label>
  );
}
