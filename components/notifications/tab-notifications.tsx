"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import useSWR from "swr";
import { conversationUrl, type ConversationView } from "@/components/inbox/api";
import { getJsonQuietly } from "@/components/shell/api-client";
import { subscribeLive } from "@/components/inbox/live-store";
import { MENTIONS_KEY } from "@/components/shell/mentions-badge";
import type { MemberPreferences } from "@/lib/auth/member-preferences";
import type { MentionView } from "@/lib/notes/mentions";
import { mentionNotification, messageNotification } from "@/lib/notifications/notification-content";
import { shouldNotify } from "@/lib/notifications/should-notify";
import { pushReachesThisBrowser, showNotification } from "./show-notification";

// Browser notifications from the inbox tab while it is hidden, hooked onto the live stream
// the inbox already holds: a new message from a contact, or a mention of you in a note. Who
// hears of what is shouldNotify's call (the same as Web Push's), with your preference from
// /api/me. A browser that gets Web Push leaves the notice to the push (same text and tag).

type Me = { user: { id: number }; preferences: MemberPreferences };
type MentionPage = { mentions: MentionView[] };

export function TabNotifications() {
  const router = useRouter();
  const { data: me } = useSWR<Me>("/api/me", getJsonQuietly, { revalidateOnFocus: false });
  // The top bar's @ badge refetches this on every note that mentions someone; a newer mention is news.
  const { data: mentions } = useSWR<MentionPage>(MENTIONS_KEY, getJsonQuietly);
  const state = useRef({ me, pushed: false, newestMention: null as number | null, shown: new Set<string>() });
  state.current.me = me;

  // Asked for each notice, so a preference changed in Settings counts at once.
  const wanted = () => {
    const { me: current, pushed } = state.current;
    if (!current || pushed || document.visibilityState !== "hidden") return null;
    if (typeof Notification === "undefined" || Notification.permission !== "granted") return null;
    return current;
  };
  const show = (content: Parameters<typeof showNotification>[0]) => {
    if (state.current.shown.has(content.tag)) return;
    state.current.shown.add(content.tag);
    showNotification(content, (url) => router.push(url));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: wanted and show read the ref, so one subscription serves every render
  useEffect(() => {
    const checkPush = () => void pushReachesThisBrowser().then((pushed) => (state.current.pushed = pushed));
    checkPush();
    document.addEventListener("visibilitychange", checkPush);
    const unsubscribe = subscribeLive(async (m) => {
      if (m.kind !== "event" || m.event.type !== "message") return;
      const viewer = wanted();
      // Decided before fetching anything: if an unassigned conversation's message would not
      // notify (mentions only, or off), none would.
      if (
        !viewer ||
        !shouldNotify(viewer.preferences.notifications, viewer.user.id, { kind: "message", assigneeId: null })
      )
        return;
      const { conversationId, handle } = m.event;
      const c = await getJsonQuietly<ConversationView>(conversationUrl(conversationId)).catch(() => null);
      const last = c?.lastMessage;
      // Only the newest message, from the contact (an older one arriving late is not news).
      if (!c || !last || last.handle !== handle || last.direction !== "inbound") return;
      if (
        !shouldNotify(viewer.preferences.notifications, viewer.user.id, {
          kind: "message",
          assigneeId: c.assignee?.id ?? null,
        })
      )
        return;
      show(
        messageNotification({
          conversationId,
          conversationTitle: c.title,
          handle,
          content: last.content,
          firstMediaKind: last.media[0]?.kind,
        }),
      );
    });
    return () => {
      unsubscribe();
      document.removeEventListener("visibilitychange", checkPush);
    };
  }, [router]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new mentions answer; wanted and show read the ref
  useEffect(() => {
    if (!mentions) return;
    const newest = mentions.mentions[0];
    const before = state.current.newestMention;
    state.current.newestMention = Math.max(before ?? 0, newest?.id ?? 0);
    // The first answer is what was already there when the page opened.
    if (before === null || !newest || newest.id <= before) return;
    const viewer = wanted();
    if (
      viewer &&
      shouldNotify(viewer.preferences.notifications, viewer.user.id, {
        kind: "mention",
        mentionedUserId: viewer.user.id,
      })
    ) {
      show(mentionNotification(newest));
    }
  }, [mentions]);

  return null;
}
