"use client";

import { useEffect } from "react";
import useSWR, { useSWRConfig } from "swr";
import { getJson } from "@/components/shell/api-client";
import { subscribeLive } from "./live-store";

// The team's active members (for @mentions and assignment pickers), fetched once per page
// and refetched when a member is added, disabled, enabled or removed (useLiveMembers).

export type Member = { id: number; email: string; name: string | null; disabledAt: string | null };

export const MEMBERS_KEY = "/api/members";

export function useMembers(): Member[] {
  const { data } = useSWR<{ members: Member[] }>(MEMBERS_KEY, getJson, { revalidateOnFocus: false });
  return (data?.members ?? []).filter((m) => m.disabledAt === null);
}

/** Once per page: a "members" event (or a reconnect, which may have missed one) refetches the team. */
export function useLiveMembers() {
  const { mutate } = useSWRConfig();
  useEffect(
    () => subscribeLive((m) => (m.kind === "resync" || m.event.type === "members") && void mutate(MEMBERS_KEY)),
    [mutate],
  );
}

export const memberName = (m: Pick<Member, "name" | "email">) => m.name ?? m.email;
