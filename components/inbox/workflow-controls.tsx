"use client";

import { useState } from "react";
import { formatDateTime } from "@/lib/format/date-time";
import { AssignPicker } from "./assign-picker";
import { applyAction, type WorkflowAction } from "./workflow-actions";
import { Popover } from "./popover";
import { rovingFocus, rovingKeyDown } from "./roving-group";
import { SnoozePicker } from "./snooze-picker";

// Done / Snooze / Assign / Mark unread for the open conversation (the thread header) or a
// bulk selection (the list). `scope` names the popovers the `s` and `a` keys open.

const button =
  "flex h-7 items-center gap-1 rounded-md border border-zinc-200 bg-white px-2 text-[12px] font-medium text-zinc-700 outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

export function WorkflowControls({
  scope,
  ids,
  state,
  snoozedUntil,
  assignee,
  onDone,
  onUnread,
}: {
  scope: "thread" | "bulk";
  ids: number[];
  state?: "open" | "done" | "snoozed";
  snoozedUntil?: string | null;
  assignee?: { id: number; name: string } | null;
  /** After any action succeeds (the bulk bar clears its selection). */
  onDone?: () => void;
  /** After "Mark as unread" (the thread closes, or it would be read again at once). */
  onUnread?: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const run = async (a: WorkflowAction) => {
    setError(null);
    try {
      await applyAction(ids, a);
      onDone?.();
      if (a.action === "unread") onUnread?.();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const isDone = state === "done";
  return (
    <div
      role="toolbar"
      aria-label={scope === "bulk" ? "Act on the selection" : "Conversation actions"}
      onKeyDown={rovingKeyDown}
      onFocus={rovingFocus}
      className="flex items-center gap-1.5"
      data-testid={`workflow-${scope}`}
    >
      {error && (
        <span role="alert" className="max-w-40 truncate text-[12px] text-red-700 dark:text-red-400" title={error}>
          {error}
        </span>
      )}
      <Popover
        name={`${scope}:assign`}
        label="Assign"
        tabIndex={0}
        align={scope === "bulk" ? "left" : "right"}
        buttonClassName={button}
        button={
          <>
            <span className="sr-only">Assignee: </span>
            <span className="max-w-28 truncate" data-testid={`${scope}-assignee`}>
              {scope === "bulk" ? "Assign" : (assignee?.name ?? "Unassigned")}
            </span>
            <span aria-hidden>▾</span>
          </>
        }
      >
        {(close) => (
          <AssignPicker
            currentId={assignee?.id ?? null}
            onPick={(id) => (close(), void run({ action: "assign", assigneeId: id }))}
          />
        )}
      </Popover>
      <Popover
        name={`${scope}:snooze`}
        label="Snooze until"
        tabIndex={-1}
        align={scope === "bulk" ? "left" : "right"}
        buttonClassName={button}
        button={
          <span
            title={state === "snoozed" && snoozedUntil ? `Snoozed until ${formatDateTime(snoozedUntil)}` : undefined}
          >
            {state === "snoozed" ? "Snoozed" : "Snooze"} <span aria-hidden>▾</span>
          </span>
        }
      >
        {(close) => <SnoozePicker onPick={(iso) => (close(), void run({ action: "snooze", snoozedUntil: iso }))} />}
      </Popover>
      <button
        type="button"
        tabIndex={-1}
        data-roving
        className={button}
        onClick={() => void run({ action: isDone || state === "snoozed" ? "open" : "done" })}
        data-testid={`${scope}-done`}
      >
        {scope === "bulk" ? "Done" : isDone ? "Reopen" : state === "snoozed" ? "Unsnooze" : "Done"}
      </button>
      <button
        type="button"
        tabIndex={-1}
        data-roving
        className={button}
        onClick={() => void run({ action: "unread" })}
        data-testid={`${scope}-unread`}
      >
        Mark unread
      </button>
    </div>
  );
}
