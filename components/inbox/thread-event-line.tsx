"use client";

import { ActivityLine } from "./activity-line";
import type { ThreadEvent } from "./api";
import { duration, timeOfDay } from "./format";
import { NoteCard } from "./note-card";

// Things that happened in a thread that are not bubbles: calls, line events, internal notes and the activity trail.

const DISPOSITIONS: Record<string, string> = {
  connected: "Connected",
  not_answered: "Not answered",
  no_answer: "Not answered",
  voicemail: "Voicemail",
  busy: "Busy",
  failed: "Failed",
  missed: "Missed",
};

/** highlightedNote: the note a link opened the thread at (it flashes once). */
export function ThreadEventLine({
  event,
  highlightedNote = null,
}: {
  event: ThreadEvent;
  highlightedNote?: number | null;
}) {
  if (event.type === "note") return <NoteCard note={event.note} highlighted={event.note.id === highlightedNote} />;
  if (event.type === "activity") return <ActivityLine event={event} />;
  if (event.type === "line") {
    const blocked = event.kind === "blocked";
    return (
      <p className="my-3 px-6 text-center text-[11.5px] text-zinc-500 dark:text-zinc-400" data-testid="line-event">
        <span className={blocked ? "font-medium text-red-600 dark:text-red-400" : "font-medium"}>
          Line {event.lineNumber} was {blocked ? "blocked" : event.kind === "assigned" ? "assigned" : event.kind}
        </span>{" "}
        · {timeOfDay(event.at)}
      </p>
    );
  }
  const inbound = !/^out/i.test(event.direction ?? "");
  const disposition = event.disposition ? (DISPOSITIONS[event.disposition.toLowerCase()] ?? event.disposition) : null;
  const missed = /not_answered|no_answer|missed|voicemail/i.test(event.disposition ?? "");
  const length = duration(event.durationSeconds);
  return (
    <div className="my-3 flex justify-center px-4" data-testid="call-log">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white/70 px-3 py-2 text-[12.5px] dark:border-zinc-800 dark:bg-zinc-900/60">
        <div className="flex items-center gap-2">
          <span
            aria-hidden
            className={`flex h-7 w-7 items-center justify-center rounded-full ${missed ? "bg-red-100 text-red-600 dark:bg-red-500/20 dark:text-red-400" : "bg-green-100 text-green-700 dark:bg-green-500/20 dark:text-green-400"}`}
          >
            <svg viewBox="0 0 20 20" className="h-3.5 w-3.5 fill-current">
              <path d="M3.6 2.5 6 2a1 1 0 0 1 1.1.6l1.1 2.7a1 1 0 0 1-.3 1.2L6.6 7.6a10 10 0 0 0 5.8 5.8l1.1-1.3a1 1 0 0 1 1.2-.3l2.7 1.1a1 1 0 0 1 .6 1.1l-.5 2.4a1 1 0 0 1-1 .8A15 15 0 0 1 2.8 3.5a1 1 0 0 1 .8-1Z" />
            </svg>
          </span>
          <span className="font-medium">{inbound ? "Incoming call" : "Outgoing call"}</span>
          <span className="text-zinc-500 dark:text-zinc-400">{[disposition, length].filter(Boolean).join(" · ")}</span>
          <time className="ml-auto text-[11px] text-zinc-500 dark:text-zinc-400" dateTime={event.at}>
            {timeOfDay(event.at)}
          </time>
        </div>
        {event.transcript && (
          <details className="mt-1.5 group/transcript">
            <summary className="cursor-pointer rounded text-[12px] font-medium text-blue-600 outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:text-blue-400">
              Transcript
            </summary>
            <p className="mt-1 max-h-48 overflow-y-auto whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">
              {event.transcript}
            </p>
          </details>
        )}
      </div>
    </div>
  );
}
