"use client";

import { useEffect } from "react";
import useSWR from "swr";
import { getJson } from "@/components/shell/api-client";
import { subscribeLive } from "@/components/inbox/live-store";
import type { LabelView } from "@/lib/labels/labels";

// The team's labels for pickers, kept current by the live "labels" event.

export const LABELS_KEY = "/api/labels";

export function useLabels() {
  const swr = useSWR<{ labels: (LabelView & { conversations: number })[] }>(LABELS_KEY, getJson);
  const { mutate } = swr;
  useEffect(() => subscribeLive((m) => (m.kind === "resync" || m.event.type === "labels") && void mutate()), [mutate]);
  return { labels: swr.data?.labels ?? [], error: swr.error as Error | undefined, mutate, isLoading: swr.isLoading };
}
