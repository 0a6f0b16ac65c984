"use client";

import { usePresence } from "./use-presence";

// "Grace is viewing" / "Grace is replying…" under the thread title, so two members don't
// answer the same customer at once.

export function PresenceLine({ conversationId }: { conversationId: number }) {
  const present = usePresence(conversationId);
  if (present.length === 0) return null;
  const replying = present.filter((p) => p.state === "replying").map((p) => p.name);
  const viewing = present.filter((p) => p.state === "viewing").map((p) => p.name);
  const parts = [
    replying.length ? `${list(replying)} ${replying.length === 1 ? "is" : "are"} replying…` : null,
    viewing.length ? `${list(viewing)} ${viewing.length === 1 ? "is" : "are"} viewing` : null,
  ].filter(Boolean);
  return (
    <p
      role="status"
      data-testid="presence-line"
      className={`truncate text-[11.5px] font-medium ${replying.length ? "text-amber-700 dark:text-amber-300" : "text-emerald-700 dark:text-emerald-400"}`}
    >
      {parts.join(" · ")}
    </p>
  );
}

function list(names: string[]): string {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}
