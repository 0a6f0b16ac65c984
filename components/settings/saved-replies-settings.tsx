"use client";

import { useState } from "react";
import useSWR from "swr";
import { VARIABLES } from "@/lib/saved-replies/fill-variables";
import type { SavedReplyView } from "@/lib/saved-replies/saved-replies";
import { getJson, sendJson } from "@/components/shell/api-client";
import { buttonClass, cardClass, inputClass, quietButtonClass } from "@/components/shell/form-classes";
import { FormNotes } from "@/components/shell/form-parts";

// Settings → Saved replies: the team's snippets, inserted with "/" in the reply box.

type List = { savedReplies: SavedReplyView[] };

export function SavedRepliesSettings() {
  const { data, error, mutate } = useSWR<List>("/api/saved-replies", getJson);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);

  async function run(action: () => Promise<unknown>, after?: () => void) {
    setProblem(null);
    try {
      await action();
      after?.();
    } catch (e) {
      setProblem((e as Error).message);
    }
    await mutate();
  }

  const variables = VARIABLES.map((v) => `{{${v}}}`).join(", ");
  return (
    <section className={cardClass} aria-labelledby="saved-replies-heading" data-testid="saved-replies-settings">
      <div className="space-y-1">
        <h2 id="saved-replies-heading" className="font-medium">
          Saved replies
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Type <kbd>/</kbd> in the reply box to insert one. Variables:{" "}
          <code className="font-mono text-xs">{variables}</code>; one with no value is left for you to fill in.
        </p>
      </div>
      <form
        action={(form) =>
          run(() => sendJson("/api/saved-replies", "POST", { name: form.get("name"), body: form.get("body") }))
        }
        className="space-y-2"
      >
        <label className="block space-y-1 text-sm">
          <span className="font-medium">Name</span>
          <input name="name" required maxLength={60} placeholder="Greeting" className={inputClass} />
        </label>
        <label className="block space-y-1 text-sm">
          <span className="font-medium">Text</span>
          <textarea
            name="body"
            required
            rows={3}
            placeholder="Hi {{first_name}}, this is {{agent_name}} from the team."
            className={inputClass}
          />
        </label>
        <button type="submit" className={buttonClass}>
          Add saved reply
        </button>
      </form>
      <FormNotes problem={problem} />
      <FormNotes problem={(error as Error | undefined)?.message} />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {(data?.savedReplies ?? []).map((r) =>
          editing === r.id ? (
            <li key={r.id} className="py-2">
              <form
                className="space-y-2"
                action={(form) =>
                  run(
                    () =>
                      sendJson(`/api/saved-replies/${r.id}`, "PATCH", {
                        name: form.get("name"),
                        body: form.get("body"),
                      }),
                    () => setEditing(null),
                  )
                }
              >
                <input
                  name="name"
                  defaultValue={r.name}
                  required
                  maxLength={60}
                  aria-label="Name"
                  className={inputClass}
                />
                <textarea
                  name="body"
                  defaultValue={r.body}
                  required
                  rows={3}
                  aria-label="Text"
                  className={inputClass}
                />
                <div className="flex gap-2">
                  <button type="submit" className={buttonClass}>
                    Save
                  </button>
                  <button type="button" className={quietButtonClass} onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </div>
              </form>
            </li>
          ) : (
            <li key={r.id} className="flex items-start gap-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{r.name}</p>
                <p className="whitespace-pre-wrap break-words text-zinc-600 dark:text-zinc-400">{r.body}</p>
              </div>
              <button
                type="button"
                className={quietButtonClass}
                onClick={() => setEditing(r.id)}
                aria-label={`Edit ${r.name}`}
              >
                Edit
              </button>
              <button
                type="button"
                className={quietButtonClass}
                onClick={() => run(() => sendJson(`/api/saved-replies/${r.id}`, "DELETE"))}
                aria-label={`Delete ${r.name}`}
              >
                Delete
              </button>
            </li>
          ),
        )}
      </ul>
      {data && data.savedReplies.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No saved replies yet.</p>
      ) : null}
    </section>
  );
}
