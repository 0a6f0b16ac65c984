"use client";

import { useState } from "react";
import { sendJson } from "@/components/shell/api-client";
import { cardClass } from "@/components/shell/form-classes";
import { FormNotes } from "@/components/shell/form-parts";

// A member opts in to (or out of) round-robin assignment of new conversations.

export function AutoAssign({ initial }: { initial: boolean }) {
  const [on, setOn] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle(next: boolean) {
    setPending(true);
    setError(null);
    try {
      await sendJson("/api/me", "PATCH", { autoAssign: next });
      setOn(next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }
  return (
    <section className={cardClass} aria-labelledby="auto-assign-heading">
      <h2 id="auto-assign-heading" className="font-medium">
        Assignment
      </h2>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          checked={on}
          disabled={pending}
          onChange={(e) => void toggle(e.target.checked)}
          className="mt-0.5 h-4 w-4 accent-blue-600"
          data-testid="auto-assign"
        />
        <span>
          <span className="font-medium">Assign new conversations to me</span>
          <span className="block text-zinc-600 dark:text-zinc-400">
            New conversations are handed out in turn among the members who turn this on.
          </span>
        </span>
      </label>
      <FormNotes problem={error} />
    </section>
  );
}
