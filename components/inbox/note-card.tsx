"use client";

import { useEffect, useState } from "react";
import type { NoteView } from "@/lib/notes/present-note";
import { timeOfDay } from "./format";
import { memberName, useMembers } from "./use-members";

// An internal note in the thread: amber, labelled, with its author, so it never reads as a
// message the contact saw. The @names of the members it mentioned are drawn bold. Opened from
// an @mention's link (?note=<id>), it is ringed for a moment so the eye finds it, then the
// ring fades: a lasting ring would read as a state of the note.

const FLASH_MS = 3000;

export function NoteCard({ note, highlighted = false }: { note: NoteView; highlighted?: boolean }) {
  const [flash, setFlash] = useState(highlighted);
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(false), FLASH_MS);
    return () => clearTimeout(t);
  }, [flash]);
  const members = useMembers();
  const mentioned = members.filter((m) => note.mentions.includes(m.id)).map((m) => `@${memberName(m)}`);
  return (
    <div className="my-3 flex justify-center px-4" id={`internal-note-${note.id}`} data-testid="note-card">
      <article
        aria-label={`Internal note by ${note.author.name}`}
        data-highlighted={flash || undefined}
        className={`w-full max-w-md rounded-xl border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] text-amber-950 transition-shadow duration-1000 dark:border-amber-700/70 dark:bg-amber-950/50 dark:text-amber-50 ${
          flash
            ? "ring-4 ring-amber-500/80 ring-offset-2 ring-offset-white dark:ring-amber-400/80 dark:ring-offset-zinc-950"
            : ""
        }`}
      >
        <header className="mb-0.5 flex items-center gap-1.5 text-[11px]">
          <span className="font-semibold uppercase tracking-wide text-amber-800 dark:text-amber-300">
            Internal note
          </span>
          <span className="text-amber-900/80 dark:text-amber-100/80">· {note.author.name}</span>
          <time className="ml-auto text-amber-900/80 dark:text-amber-100/80" dateTime={note.createdAt}>
            {timeOfDay(note.createdAt)}
          </time>
        </header>
        <p className="whitespace-pre-wrap break-words">{withMentions(note.body, mentioned)}</p>
      </article>
    </div>
  );
}

function withMentions(body: string, mentioned: string[]) {
  if (mentioned.length === 0) return body;
  const escaped = mentioned.sort((a, b) => b.length - a.length).map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return body.split(new RegExp(`(${escaped.join("|")})`)).map((part, i) =>
    i % 2 === 1 ? (
      <strong key={i} className="font-semibold">
        {part}
      </strong>
    ) : (
      part
    ),
  );
}
