import type { ConversationList, ConversationView } from "@/lib/read/list-conversations";
import type { MessageDetail, MessagePage } from "@/lib/read/list-messages";
import type { VCardSummary } from "@/lib/media/parse-vcard";

// The read API's shapes as the browser sees them (types come from the server functions
// themselves) and its URLs; calls go through components/shell/api-client.ts.

export type { ConversationList, ConversationView, MessageDetail, MessagePage, VCardSummary };
export type MessageView = MessagePage["messages"][number];
export type ThreadEvent = MessagePage["events"][number];
export type MediaView = MessageView["media"][number];

export const conversationUrl = (id: number) => `/api/conversations/${id}`;
export const messagesUrl = (id: number, params: Record<string, string | undefined>) => {
  const q = new URLSearchParams({ limit: "50" });
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `/api/conversations/${id}/messages?${q}`;
};
