"use client";

import useSWR from "swr";
import { getJson } from "@/components/shell/api-client";
import { popoverItem } from "./popover";
import { MEMBERS_KEY } from "./use-members";

// Assign to a member (enabled ones), to oneself first, or to nobody.

type Member = { id: number; name: string | null; email: string; disabledAt: string | null };

export function useMe(): number | null {
  // Who is signed in does not change while a page is open: a row that mounts (a live change,
  // a scroll of the list) does not ask again, as it did for every row mounted 2 s after the last.
  const { data } = useSWR<{ user: { id: number } }>("/api/me", getJson, {
    revalidateOnFocus: false,
    revalidateIfStale: false,
  });
  return data?.user.id ?? null;
}

export function AssignPicker({ currentId, onPick }: { currentId: number | null; onPick: (id: number | null) => void }) {
  const me = useMe();
  const { data } = useSWR<{ members: Member[] }>(MEMBERS_KEY, getJson, { revalidateOnFocus: false });
  const members = (data?.members ?? []).filter((m) => !m.disabledAt);
  members.sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : (a.name ?? a.email).localeCompare(b.name ?? b.email)));
  const item = (id: number | null, label: string) => (
    <button
      key={id ?? "none"}
      type="button"
      className={popoverItem}
      aria-pressed={currentId === id}
      onClick={() => onPick(id)}
      data-assignee={id ?? "none"}
    >
      <span className="w-3 text-blue-600 dark:text-blue-400" aria-hidden>
        {currentId === id ? "✓" : ""}
      </span>
      <span className="truncate">{label}</span>
    </button>
  );
  return (
    <div data-testid="assign-picker">
      {!data && <p className="px-2.5 py-1.5 text-zinc-500 dark:text-zinc-400">Loading members…</p>}
      {members.map((m) => item(m.id, m.id === me ? `Me (${m.name ?? m.email})` : (m.name ?? m.email)))}
      {item(null, "Unassigned")}
    </div>
  );
}
