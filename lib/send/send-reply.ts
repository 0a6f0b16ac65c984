import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ApiError } from "@/lib/http/api-error";
import { guessMedia } from "@/lib/media/media-kind";
import { notifyInbox } from "@/lib/realtime/notify";
import { normalizeStatus, statusRank } from "@/lib/messages/status-rank";
import { observeSend } from "@/lib/metrics/registry";
import { messageExtras } from "@/lib/read/message-extras";
import { SendblueError, type SendblueClient, type SendResponse } from "@/lib/sendblue/sendblue-client";
import { waitForLineSlot } from "./line-throttle";
import { placeholderHandle } from "./placeholder-handle";

// A reply is stored first ("SENDING", keyed by the browser's clientId, so a double click or
// a retried request sends once), then sent through Sendblue; its real message_handle
// replaces the placeholder, and status webhooks take it from there.

export type ReplyInput = {
  conversationId: number;
  clientId: string;
  content: string;
  mediaUrl?: string | null;
  sendStyle?: string | null;
  /** The handle of the message this answers inline (same conversation). */
  replyTo?: string | null;
  userId: number | null;
  statusCallbackUrl: string;
};

const RATE_LIMIT_RETRIES = 4;
const FAILURE_STATUSES = ["FAILED", "ERROR", "DECLINED"];

export async function sendReply(db: Db, client: SendblueClient, input: ReplyInput) {
  const conversation = await db.conversation.findUnique({
    where: { id: input.conversationId },
    select: { id: true, kind: true, groupId: true, contactNumber: true, line: { select: { id: true, number: true } } },
  });
  if (!conversation) throw new ApiError(404, "not_found", `No conversation ${input.conversationId}`);
  if (!conversation.line) throw new ApiError(409, "no_line", "This conversation has no Sendblue line to send from");
  if (!input.content.trim() && !input.mediaUrl)
    throw new ApiError(400, "empty_message", "Write something or attach a file");
  if (input.replyTo) {
    const parent = await db.message.findUnique({ where: { handle: input.replyTo }, select: { conversationId: true } });
    if (parent?.conversationId !== conversation.id) {
      throw new ApiError(400, "invalid_request", "replyTo: no message with that handle in this conversation");
    }
  }

  const handle = placeholderHandle(input.clientId);
  const [created] = await db.$transaction(async (tx) => {
    const rows = await tx.message.createManyAndReturn({
      data: [
        {
          handle,
          clientId: input.clientId,
          conversationId: conversation.id,
          direction: "outbound",
          content: input.content,
          status: "SENDING",
          statusRank: statusRank("SENDING"),
          sendStyle: input.sendStyle || null,
          fromNumber: conversation.line!.number,
          toNumber: conversation.contactNumber,
          senderNumber: conversation.line!.number,
          sentByUserId: input.userId,
          sentAt: new Date(),
          // Where Sendblue's webhooks keep it too, so the quote shows before they arrive.
          ...(input.replyTo ? { extra: { reply_to: { message_handle: input.replyTo } } } : {}),
        },
      ],
      skipDuplicates: true,
      select: { id: true, sentAt: true },
    });
    if (rows[0]) {
      if (input.mediaUrl) {
        await tx.mediaAttachment.createMany({
          data: [{ messageId: rows[0].id, sourceUrl: input.mediaUrl, ...guessMedia(input.mediaUrl) }],
        });
      }
      await tx.conversation.update({
        where: { id: conversation.id },
        data: { lastMessageId: rows[0].id, lastMessageAt: rows[0].sentAt, lastActivityAt: rows[0].sentAt },
        select: { id: true },
      });
      await notifyInbox(tx, { type: "message", conversationId: conversation.id, handle });
    }
    return rows;
  });
  if (!created) {
    // The same clientId again: the first request owns the send; report where it stands.
    return db.message.findUniqueOrThrow({
      where: { clientId: input.clientId },
      select: { handle: true, status: true },
    });
  }
  return deliver(db, client, {
    messageId: created.id,
    ...input,
    lineId: conversation.line.id,
    lineNumber: conversation.line.number,
    groupId: conversation.groupId,
    contactNumber: conversation.contactNumber,
  });
}

/**
 * Retries a failed reply: only a message in a failure status (refused at once: FAILED; failed
 * later by Sendblue: ERROR, DECLINED) moves back to SENDING (guarded).
 */
export async function retryReply(db: Db, client: SendblueClient, handle: string, statusCallbackUrl: string) {
  const m = await db.message.findUnique({
    where: { handle },
    select: {
      id: true,
      clientId: true,
      content: true,
      sendStyle: true,
      sentByUserId: true,
      status: true,
      extra: true,
      media: { select: { sourceUrl: true }, take: 1 },
      conversation: {
        select: { id: true, groupId: true, contactNumber: true, line: { select: { id: true, number: true } } },
      },
    },
  });
  if (!m?.clientId || !m.conversation.line) throw new ApiError(404, "not_found", "No failed reply with that handle");
  const claimed = await db.message.updateMany({
    where: { id: m.id, status: { in: FAILURE_STATUSES } },
    data: { status: "SENDING", statusRank: statusRank("SENDING"), errorCode: null, errorMessage: null },
  });
  if (!claimed.count) throw new ApiError(409, "not_failed", `This message is ${m.status}, not failed`);
  return deliver(db, client, {
    messageId: m.id,
    conversationId: m.conversation.id,
    clientId: m.clientId,
    content: m.content,
    mediaUrl: m.media[0]?.sourceUrl ?? null,
    sendStyle: m.sendStyle,
    replyTo: messageExtras(m.extra).replyTo?.handle ?? null,
    userId: m.sentByUserId,
    statusCallbackUrl,
    lineId: m.conversation.line.id,
    lineNumber: m.conversation.line.number,
    groupId: m.conversation.groupId,
    contactNumber: m.conversation.contactNumber,
  });
}

type Delivery = ReplyInput & {
  messageId: number;
  lineId: number;
  lineNumber: string;
  groupId: string | null;
  contactNumber: string | null;
};

async function deliver(db: Db, client: SendblueClient, d: Delivery) {
  let response: SendResponse | undefined;
  let failure: SendblueError | undefined;
  for (let attempt = 0; ; attempt++) {
    await waitForLineSlot(db, d.lineId);
    try {
      response = await client.sendMessage({
        ...(d.groupId ? { group_id: d.groupId } : { number: d.contactNumber! }),
        from_number: d.lineNumber,
        content: d.content,
        ...(d.mediaUrl ? { media_url: d.mediaUrl } : {}),
        ...(d.sendStyle ? { send_style: d.sendStyle } : {}),
        ...(d.replyTo ? { reply_to: { message_handle: d.replyTo } } : {}),
        status_callback: d.statusCallbackUrl,
      });
      break;
    } catch (error) {
      if (!(error instanceof SendblueError)) throw error;
      if (!error.retryable || attempt >= RATE_LIMIT_RETRIES) {
        failure = error;
        break;
      }
      // 429 and rate-limit codes are waited out, not shown as failures.
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
  if (failure || !response) {
    observeSend("FAILED");
    return markFailed(db, d, failure!);
  }
  observeSend(normalizeStatus(response.status ?? "QUEUED"));
  return adoptHandle(db, d, response);
}

async function markFailed(db: Db, d: Delivery, error: SendblueError) {
  const handle = placeholderHandle(d.clientId);
  await db.$transaction(async (tx) => {
    await tx.message.updateMany({
      where: { id: d.messageId },
      data: {
        status: "FAILED",
        statusRank: 0,
        errorCode: error.sendblueCode,
        errorMessage: error.message.slice(0, 500),
        updatedAt: new Date(),
      },
    });
    await tx.messageStatusEvent.createMany({
      data: [
        {
          messageId: d.messageId,
          status: "FAILED",
          errorCode: error.sendblueCode,
          errorMessage: error.message.slice(0, 500),
          occurredAt: new Date(),
        },
      ],
      skipDuplicates: true,
    });
    await notifyInbox(tx, { type: "status", conversationId: d.conversationId, handle, status: "FAILED" });
  });
  return { handle, status: "FAILED" as const, error: { code: error.sendblueCode, message: error.message } };
}

async function adoptHandle(db: Db, d: Delivery, response: SendResponse) {
  // The webhook can also commit its row between our look and our update: the update then
  // breaks the unique handle, and a second pass finds the row and takes the raced branch.
  for (let attempt = 1; ; attempt++) {
    try {
      return await adoptHandleOnce(db, d, response);
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function adoptHandleOnce(db: Db, d: Delivery, response: SendResponse) {
  const status = normalizeStatus(response.status ?? "QUEUED");
  return db.$transaction(async (tx) => {
    // A status webhook can beat this answer and create the message under its real handle;
    // then that row is the message, and the placeholder gives it our clientId and author.
    const raced = await tx.message.findUnique({ where: { handle: response.message_handle }, select: { id: true } });
    if (raced) {
      const placeholder = await tx.message.delete({ where: { id: d.messageId }, select: { sentAt: true } });
      // Sendblue's answer is history too, dated when we sent (before the callback that won).
      await tx.messageStatusEvent.createMany({
        data: [{ messageId: raced.id, status, occurredAt: placeholder.sentAt }],
        skipDuplicates: true,
      });
      await tx.conversation.updateMany({
        where: { id: d.conversationId, lastMessageId: d.messageId },
        data: { lastMessageId: raced.id },
      });
      await tx.message.update({
        where: { id: raced.id },
        data: { clientId: d.clientId, sentByUserId: d.userId, sendStyle: d.sendStyle || null },
        select: { id: true },
      });
    } else {
      await tx.message.update({
        where: { id: d.messageId },
        data: {
          handle: response.message_handle,
          status,
          statusRank: statusRank(status),
          errorCode: null,
          errorMessage: null,
          updatedAt: new Date(),
        },
        select: { id: true },
      });
      await tx.messageStatusEvent.createMany({
        data: [{ messageId: d.messageId, status, occurredAt: new Date() }],
        skipDuplicates: true,
      });
    }
    await notifyInbox(tx, {
      type: "status",
      conversationId: d.conversationId,
      handle: response.message_handle,
      status,
    });
    return { handle: response.message_handle, status };
  });
}
