import type { ConversationList, ConversationView } from "@/lib/read/list-conversations";
import type { MessageDetail, MessagePage } from "@/lib/read/list-messages";
import type { VCardSummary } from "@/lib/media/parse-vcard";

// Client-side access to the read API; types come from the server functions themselves.

export type { ConversationList, ConversationView, MessageDetail, MessagePage, VCardSummary };
export type MessageView = MessagePage["messages"][number];
export type ThreadEvent = MessagePage["events"][number];
export type MediaView = MessageView["media"][number];

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new HttpError(res.status, body?.error?.message ?? `Request failed (${res.status})`);
  }
  return (await res.json()) as T;
}

export async function postJson(url: string): Promise<void> {
  await fetch(url, { method: "POST", credentials: "same-origin" }).catch(() => {});
}

export const conversationUrl = (id: number) => `/api/conversations/${id}`;
export const messagesUrl = (id: number, params: Record<string, string | undefined>) => {
  const q = new URLSearchParams({ limit: "50" });
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `/api/conversations/${id}/messages?${q}`;
};
