import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { notifyInbox } from "@/lib/realtime/notify";
import type { SendblueClient } from "@/lib/sendblue/sendblue-client";
import { isPlaceholderHandle } from "./placeholder-handle";

/** A tapback from the inbox: sent through Sendblue, then kept as a reaction (once per clientId). */
export async function sendReaction(
  db: Db,
  client: SendblueClient,
  input: {
    handle: string;
    reaction: "love" | "like" | "dislike" | "laugh" | "emphasize" | "question";
    clientId: string;
    partIndex?: number;
  },
) {
  const target = await db.message.findUnique({
    where: { handle: input.handle },
    select: {
      id: true,
      handle: true,
      conversationId: true,
      conversation: { select: { line: { select: { number: true } } } },
    },
  });
  const line = target?.conversation.line?.number;
  if (!target || !line) throw new ApiError(404, "not_found", "No message with that handle on a known line");
  if (isPlaceholderHandle(target.handle))
    throw new ApiError(409, "not_sent_yet", "Wait until the message has been sent");
  const handle = `reaction:${input.clientId}`;
  if (await db.reaction.findUnique({ where: { handle }, select: { id: true } })) return { handle };
  await client.sendReaction({
    from_number: line,
    message_handle: target.handle,
    reaction: input.reaction,
    ...(input.partIndex !== undefined ? { part_index: input.partIndex } : {}),
  });
  await db.$transaction(async (tx) => {
    const inserted = await tx.reaction.createMany({
      data: [
        {
          handle,
          messageId: target.id,
          reaction: input.reaction,
          partIndex: input.partIndex ?? null,
          direction: "outbound",
          senderNumber: line,
          sentAt: new Date(),
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count)
      await notifyInbox(tx, {
        type: "reaction",
        conversationId: target.conversationId,
        handle,
        targetHandle: target.handle,
      });
  });
  return { handle };
}
