import { getJson } from "@/components/shell/api-client";
import type { ConversationView } from "./api";

// One GET of a conversation at a time in a page. A change to the open conversation reaches
// its thread header and its list row through the same live event, and each used to fetch it
// on its own; on a busy server the second request only slowed the first (and every other
// member's). A caller joins a request that is in flight only if that request started after
// what it wants to see had happened (`notBefore`, on performance.now()'s clock), so joining
// never hands back a copy read before the change.

const inFlight = new Map<string, { startedAt: number; promise: Promise<ConversationView> }>();

export function fetchConversation(url: string, notBefore: number = performance.now()): Promise<ConversationView> {
  const current = inFlight.get(url);
  if (current && current.startedAt >= notBefore) return current.promise;
  const promise = getJson<ConversationView>(url).finally(() => {
    if (inFlight.get(url)?.promise === promise) inFlight.delete(url);
  });
  inFlight.set(url, { startedAt: performance.now(), promise });
  return promise;
}
