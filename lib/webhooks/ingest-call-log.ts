import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyInbox } from "@/lib/realtime/notify";
import type { IngestContext, IngestResult } from "./ingest-types";
import { MissingFieldsError } from "./normalize-message";
import { callLogPayloadSchema, unknownFields } from "./payload-schemas";
import { upsertConversation } from "./upsert-conversation";

// `call_log`: only `disposition` and `transcript` are documented; numbers, direction and
// duration are read from every spelling seen, and the rest is kept in `extra`.

export async function ingestCallLog(tx: Tx, body: Record<string, unknown>, ctx: IngestContext): Promise<IngestResult> {
  const p = callLogPayloadSchema.parse(body);
  const outbound = p.is_outbound === true || /^out/i.test(p.direction ?? "");
  const lineNumber = p.sendblue_number ?? (outbound ? p.from_number : p.to_number);
  const contactNumber = p.number ?? (outbound ? p.to_number : p.from_number);
  if (!contactNumber && !lineNumber) throw new MissingFieldsError(["number", "sendblue_number"]);
  const conversation = contactNumber
    ? await upsertConversation(tx, { lineNumber, contactNumber, groupId: null })
    : null;
  const call = await tx.callLog.create({
    data: {
      conversationId: conversation?.conversationId ?? null,
      lineNumber,
      contactNumber,
      direction: p.direction ?? (p.is_outbound === null ? null : outbound ? "outbound" : "inbound"),
      disposition: p.disposition ?? p.status,
      durationSeconds: p.duration_seconds ?? p.duration ?? p.call_duration,
      transcript: p.transcript,
      startedAt: p.started_at ?? p.timestamp ?? p.date ?? p.date_sent ?? p.created_at ?? ctx.receivedAt,
      extra: (unknownFields(body, callLogPayloadSchema) ?? undefined) as Prisma.InputJsonValue | undefined,
    },
    select: { id: true },
  });
  await notifyInbox(tx, { type: "call", conversationId: conversation?.conversationId ?? null, callId: call.id });
  return { duplicate: false };
}
