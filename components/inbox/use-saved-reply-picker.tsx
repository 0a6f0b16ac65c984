"use client";

import { useState, type KeyboardEvent, type RefObject } from "react";
import useSWR from "swr";
import { agentName, fillVariables, type VariableValues } from "@/lib/saved-replies/fill-variables";
import type { SavedReplyView } from "@/lib/saved-replies/saved-replies";
import { getJson } from "@/components/shell/api-client";
import { replaceToken, tokenAtCaret, type CaretToken } from "./caret-token";
import { fuzzyFilter } from "./fuzzy-match";
import { SuggestionList, useSuggestionKeys } from "./suggestion-list";

// "/" at the start of the reply box (or after a space) opens the saved replies, filtered
// fuzzily as the agent types; ↑/↓, Enter or Tab inserts one, Esc closes. Inserting fills
// its variables from the contact and the signed-in member; a variable with no value stays
// as {{name}} and is selected, so the agent types over it (the composer will not send it).

type Me = { user: { name: string | null; email: string } };

export function useSavedReplyPicker({
  conversationId,
  contact,
  textareaRef,
  text,
  setText,
}: {
  conversationId: number;
  contact: Omit<VariableValues, "agent_name">;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  text: string;
  setText: (value: string) => void;
}) {
  const [token, setToken] = useState<CaretToken | null>(null);
  const { data } = useSWR<{ savedReplies: SavedReplyView[] }>(token ? "/api/saved-replies" : null, getJson);
  const { data: me } = useSWR<Me>("/api/me", getJson, { revalidateOnFocus: false });
  const matches = token ? fuzzyFilter(data?.savedReplies ?? [], token.query, (r) => [r.name, r.body]).slice(0, 8) : [];

  function pick(index: number) {
    const reply = matches[index];
    const el = textareaRef.current;
    if (!reply || !token || !el) return;
    const filled = fillVariables(reply.body, { ...contact, agent_name: agentName(me?.user ?? null) });
    const next = replaceToken(text, el.selectionStart, token, filled);
    setText(next.text);
    setToken(null);
    // The first placeholder left is selected (typing replaces it); else the caret goes after the insert.
    const hole = next.text.slice(token.start, next.caret).search(/\{\{[a-z_ ]+\}\}/);
    const holeEnd = hole < 0 ? -1 : next.text.indexOf("}}", token.start + hole) + 2;
    requestAnimationFrame(() => {
      el.focus();
      if (hole < 0) el.setSelectionRange(next.caret, next.caret);
      else el.setSelectionRange(token.start + hole, holeEnd);
    });
  }
  const keys = useSuggestionKeys(matches.length, pick, () => setToken(null));
  const listId = `saved-replies-${conversationId}`;

  return {
    open: token !== null,
    /** Call with the textarea's new value and caret on every change. */
    onTextChange: (value: string, caret: number) => setToken(tokenAtCaret(value, caret, "/")),
    /** True when the picker used the key (the composer must not also act on it). */
    onKeyDown: (e: KeyboardEvent) => token !== null && keys.onKeyDown(e),
    comboboxProps: {
      "aria-expanded": token !== null,
      "aria-controls": token ? listId : undefined,
      "aria-activedescendant": token && matches.length ? `${listId}-${keys.active}` : undefined,
    },
    popup: token ? (
      <SuggestionList
        id={listId}
        label="Saved replies"
        items={matches.map((r) => ({
          key: String(r.id),
          label: r.name,
          detail: r.body.replace(/\s+/g, " ").slice(0, 60),
        }))}
        active={keys.active}
        empty={
          data
            ? data.savedReplies.length
              ? "No saved reply matches"
              : "No saved replies yet: add them in Settings"
            : "Loading…"
        }
        onPick={pick}
      />
    ) : null,
  };
}
