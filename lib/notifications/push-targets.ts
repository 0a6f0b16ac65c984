import type { Db } from "@/lib/db/client";
import { getMention } from "@/lib/notes/mentions";
import { getConversation } from "@/lib/read/list-conversations";
import { mentionNotification, messageNotification, type NotificationContent } from "./notification-content";
import type { PushJob } from "./push-queue";
import { shouldNotify, type NotifyEvent, type NotifyPreference } from "./should-notify";
import type { PushTarget } from "./push-send";

// Who gets a queued push, and what it says. The decision is shouldNotify's, as in the
// browser tab; the text is the tab's too (notification-content.ts). Only subscriptions whose
// sign-in still lasts count: signing out (or out everywhere), an expired session or a
// disabled member stops the pushes to that device.

export type PushSubscriber = PushTarget & { id: number; userId: number; preference: NotifyPreference };

export type PushPlan = { content: NotificationContent; subscribers: PushSubscriber[] };

/** The notice and its subscribers; null when the message or mention is gone or is not news. */
export async function planPush(db: Db, job: PushJob): Promise<PushPlan | null> {
  const found = await eventOf(db, job);
  if (!found) return null;
  const subscribers = await liveSubscribers(
    db,
    job.onlySubscriptionIds,
    found.event.kind === "mention" ? found.event.mentionedUserId : null,
  );
  return {
    content: found.content,
    subscribers: subscribers.filter((s) => shouldNotify(s.preference, s.userId, found.event)),
  };
}

async function eventOf(db: Db, job: PushJob): Promise<{ event: NotifyEvent; content: NotificationContent } | null> {
  if (job.kind === "mention" && job.mentionId !== null) {
    const mention = await getMention(db, job.mentionId);
    if (!mention) return null;
    return { event: { kind: "mention", mentionedUserId: mention.userId }, content: mentionNotification(mention) };
  }
  if (job.kind !== "message" || job.messageId === null) return null;
  const message = await db.message.findUnique({
    where: { id: job.messageId },
    select: {
      handle: true,
      content: true,
      direction: true,
      conversationId: true,
      media: { select: { kind: true }, orderBy: { id: "asc" }, take: 1 },
    },
  });
  if (message?.direction !== "inbound") return null;
  const conversation = await getConversation(db, message.conversationId);
  if (!conversation) return null;
  return {
    // getConversation shows a disabled member's conversations as unassigned, as the inbox does.
    event: { kind: "message", assigneeId: conversation.assignee?.id ?? null },
    content: messageNotification({
      conversationId: conversation.id,
      conversationTitle: conversation.title,
      handle: message.handle,
      content: message.content,
      firstMediaKind: message.media[0]?.kind,
    }),
  };
}

function liveSubscribers(db: Db, only: number[], userId: number | null): Promise<PushSubscriber[]> {
  const ids = only.length ? only : null;
  return db.$queryRaw<PushSubscriber[]>`
    SELECT s."id", s."user_id" AS "userId", s."endpoint", s."p256dh", s."auth", u."notifications"::text AS "preference"
    FROM "push_subscriptions" s
    JOIN "users" u ON u."id" = s."user_id" AND u."disabled_at" IS NULL
    JOIN "sessions" x ON x."id" = s."session_id"
    WHERE x."revoked_at" IS NULL AND x."expires_at" > now() AND x."idle_expires_at" > now()
      AND (${ids}::int[] IS NULL OR s."id" = ANY(${ids}::int[]))
      AND (${userId}::int IS NULL OR s."user_id" = ${userId}::int)
    ORDER BY s."id"`;
}
