"use client";

import useSWR from "swr";
import { getJson } from "@/components/shell/api-client";
import { LocalTime } from "@/components/shell/local-time";
import type { LineList } from "@/lib/read/list-lines";
import { formatPhone } from "@/lib/format/phone-number";
import { LineNameEditor } from "./line-name-editor";

const cell = "px-3 py-2.5 align-top";

/** The lines table; refreshes itself so a block shows up without a reload. */
export function LinesTable({ initial }: { initial: LineList }) {
  const { data, error, mutate } = useSWR<LineList>("/api/lines", getJson, {
    fallbackData: initial,
    refreshInterval: 10_000,
  });
  const { lines } = data ?? initial;
  return (
    <div className="space-y-2">
      {error ? (
        <p role="status" className="text-sm text-amber-700 dark:text-amber-400">
          Could not refresh: {error.message}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Sendblue lines</caption>
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th scope="col" className={cell}>
                Line
              </th>
              <th scope="col" className={cell}>
                State
              </th>
              <th scope="col" className={cell}>
                Last activity
              </th>
              <th scope="col" className={`${cell} text-right`}>
                Threads
              </th>
              <th scope="col" className={`${cell} text-right`}>
                Received
              </th>
              <th scope="col" className={`${cell} text-right`}>
                Sent
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {lines.map((line) => (
              <tr key={line.id} className={line.blocked ? "bg-red-50/60 dark:bg-red-950/30" : undefined}>
                <th scope="row" className={`${cell} font-medium whitespace-nowrap`}>
                  <span className="block tabular-nums">{formatPhone(line.number)}</span>
                  <LineNameEditor id={line.id} name={line.name} onSaved={() => void mutate()} />
                </th>
                <td className={cell}>
                  <LineState line={line} />
                </td>
                <td className={`${cell} text-zinc-600 dark:text-zinc-400`}>
                  {line.lastActivityAt ? <LocalTime iso={line.lastActivityAt} relative /> : "—"}
                </td>
                <td className={`${cell} text-right tabular-nums`}>{line.conversations.toLocaleString()}</td>
                <td className={`${cell} text-right tabular-nums`}>{line.messages.inbound.toLocaleString()}</td>
                <td className={`${cell} text-right tabular-nums`}>{line.messages.outbound.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function LineState({ line }: { line: LineList["lines"][number] }) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-1.5">
        {line.blocked ? (
          <Badge tone="red">Blocked</Badge>
        ) : line.assignment ? (
          <Badge tone="green">{line.assignment === "assigned" ? "Assigned" : line.assignment}</Badge>
        ) : (
          <Badge tone="zinc">Active</Badge>
        )}
        {line.status ? <Badge tone="zinc">{line.status}</Badge> : null}
      </div>
      {line.blocked && line.blockedAt ? (
        <p className="text-xs text-red-700 dark:text-red-300">
          Blocked since <LocalTime iso={line.blockedAt} />
        </p>
      ) : line.assignedAt ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Assigned <LocalTime iso={line.assignedAt} />
        </p>
      ) : null}
    </div>
  );
}

const TONES = {
  red: "bg-red-100 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900",
  green:
    "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-900",
  zinc: "bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
};

export function Badge({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
