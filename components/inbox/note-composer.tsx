"use client";

import { useEffect, useRef, useState } from "react";
import { failureText, sendJson } from "@/components/shell/api-client";
import { MAX_NOTE_CHARS } from "@/lib/notes/note-limits";
import { replaceToken, tokenAtCaret, type CaretToken } from "./caret-token";
import { fuzzyFilter } from "./fuzzy-match";
import { SuggestionList, useSuggestionKeys } from "./suggestion-list";
import { memberName, useMembers } from "./use-members";

// The Note tab of the composer: an internal note for the team, never sent to the contact.
// Typing @ suggests members by name or email; a picked member is notified in-app (their id
// goes with the note while their @name is still in the text).

export function NoteComposer({
  conversationId,
  focusRequest,
  onSaved,
}: {
  conversationId: number;
  focusRequest: number;
  onSaved: () => void;
}) {
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<Map<number, string>>(new Map());
  const [token, setToken] = useState<CaretToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const members = useMembers();
  const matches = token ? fuzzyFilter(members, token.query, (m) => [memberName(m), m.email]).slice(0, 6) : [];

  useEffect(() => {
    if (focusRequest) ref.current?.focus();
  }, [focusRequest]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation starts an empty note
  useEffect(() => {
    setText("");
    setPicked(new Map());
    setError(null);
  }, [conversationId]);

  function pick(index: number) {
    const member = matches[index];
    const el = ref.current;
    if (!member || !token || !el) return;
    const next = replaceToken(text, el.selectionStart, token, `@${memberName(member)} `);
    setText(next.text);
    setPicked((p) => new Map(p).set(member.id, memberName(member)));
    setToken(null);
    requestAnimationFrame(() => el.setSelectionRange(next.caret, next.caret));
  }
  const keys = useSuggestionKeys(matches.length, pick, () => setToken(null));

  async function save() {
    if (!text.trim() || saving) return;
    if (text.length > MAX_NOTE_CHARS)
      return setError(`A note can be at most ${MAX_NOTE_CHARS.toLocaleString("en-US")} characters.`);
    setSaving(true);
    setError(null);
    const mentions = [...picked].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
    const saved = await sendJson(`/api/conversations/${conversationId}/notes`, "POST", { body: text, mentions }).then(
      () => true,
      (e: unknown) => {
        setError(failureText(e, "The note was not saved; check your connection and try again."));
        return false;
      },
    );
    setSaving(false);
    if (!saved) return;
    setText("");
    setPicked(new Map());
    onSaved();
  }

  const listId = `mention-list-${conversationId}`;
  return (
    <form
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {token ? (
        <SuggestionList
          id={listId}
          label="Mention a member"
          items={matches.map((m) => ({ key: String(m.id), label: memberName(m), detail: m.email }))}
          active={keys.active}
          empty="No member matches"
          onPick={pick}
        />
      ) : null}
      <div className="flex items-end gap-2">
        <label className="sr-only" htmlFor={`note-${conversationId}`}>
          Internal note
        </label>
        <textarea
          ref={ref}
          id={`note-${conversationId}`}
          data-testid="note-input"
          rows={2}
          value={text}
          placeholder="Internal note: only your team sees it. Type @ to mention someone."
          role="combobox"
          aria-expanded={token !== null}
          aria-controls={token ? listId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={token && matches.length ? `${listId}-${keys.active}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setToken(tokenAtCaret(e.target.value, e.target.selectionStart, "@"));
          }}
          onKeyDown={(e) => {
            if (token && keys.onKeyDown(e)) return;
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void save();
            }
          }}
          className="max-h-40 min-h-9 flex-1 resize-none rounded-2xl border border-amber-300 bg-amber-50 px-3 py-1.5 text-[14px] text-amber-950 outline-none [field-sizing:content] placeholder:text-amber-900/60 focus-visible:ring-2 focus-visible:ring-amber-500 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-50 dark:placeholder:text-amber-100/50"
        />
        <button
          type="submit"
          disabled={!text.trim() || saving}
          data-testid="note-save"
          className="mb-0.5 rounded-full bg-amber-600 px-3 py-1.5 text-[13px] font-medium text-white outline-none hover:bg-amber-700 focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 disabled:opacity-40 dark:bg-amber-500 dark:text-amber-950"
        >
          Add note
        </button>
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-[12px] text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
