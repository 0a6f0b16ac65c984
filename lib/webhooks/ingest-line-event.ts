import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyInbox } from "@/lib/realtime/notify";
import type { IngestContext, IngestResult } from "./ingest-types";
import { MissingFieldsError } from "./normalize-message";
import { linePayloadSchema } from "./payload-schemas";
import { upsertLine } from "./upsert-conversation";

// `line_blocked` / `line_assigned`: no published body, so the number is taken from any
// field that plausibly holds it, and the whole body is kept with the event. Both updates are guarded by time,
// so a late "assigned" cannot clear a newer block.

export async function ingestLineEvent(
  tx: Tx,
  body: Record<string, unknown>,
  ctx: IngestContext,
  kind: "blocked" | "assigned",
): Promise<IngestResult> {
  const p = linePayloadSchema.parse(body);
  const number = p.sendblue_number ?? p.number ?? p.phone_number ?? p.line;
  if (!number) throw new MissingFieldsError(["sendblue_number"]);
  const at = p.timestamp ?? p.date ?? p.updated_at ?? p.created_at ?? ctx.receivedAt;
  const lineId = await upsertLine(tx, number);
  // No published body: the event keeps all of it, for the dashboard to show as-is.
  const extra = body as Prisma.InputJsonValue;
  await tx.lineEvent.create({ data: { lineId, kind, occurredAt: at, extra }, select: { id: true } });
  if (kind === "blocked") {
    await tx.line.updateMany({
      where: { id: lineId, OR: [{ assignedAt: null }, { assignedAt: { lte: at } }] },
      data: { blocked: true, blockedAt: at, ...(p.status ? { status: p.status } : {}), updatedAt: new Date() },
    });
  } else {
    await tx.line.updateMany({
      where: { id: lineId, OR: [{ blockedAt: null }, { blockedAt: { lte: at } }] },
      data: {
        blocked: false,
        assignedAt: at,
        assignment: p.assignment ?? "assigned",
        ...(p.status ? { status: p.status } : {}),
        updatedAt: new Date(),
      },
    });
  }
  await notifyInbox(tx, { type: "line", lineNumber: number, kind });
  return { duplicate: false };
}
