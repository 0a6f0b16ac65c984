"use client";

import useSWR from "swr";
import { getJson } from "./api";

// The team's active members (for @mentions and, later, assignment pickers), once per page.

export type Member = { id: number; email: string; name: string | null; disabledAt: string | null };

export function useMembers(): Member[] {
  const { data } = useSWR<{ members: Member[] }>("/api/members", getJson, { revalidateOnFocus: false });
  return (data?.members ?? []).filter((m) => m.disabledAt === null);
}

export const memberName = (m: Pick<Member, "name" | "email">) => m.name ?? m.email;
