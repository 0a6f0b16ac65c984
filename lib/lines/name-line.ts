import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { notifyInbox } from "@/lib/realtime/notify";

// A team's name for a line ("Support"), shown beside its number on Lines, in the line
// filter and in thread headers. An empty name clears it.

export const lineNameBody = z.object({ name: z.string().trim().max(60, "name: at most 60 characters").nullable() });

/** What PATCH /api/lines/<id> answers. */
export const lineNamed = z.object({
  line: z.looseObject({ id: z.number().int(), number: z.string(), name: z.string().nullable() }),
});

export async function nameLine(db: Db, id: number, name: string | null) {
  return db.$transaction(async (tx) => {
    const updated = await tx.line.updateMany({
      where: { id },
      data: { name: name?.trim() || null, updatedAt: new Date() },
    });
    if (!updated.count) throw new ApiError(404, "not_found", `No line ${id}`);
    const line = await tx.line.findUniqueOrThrow({ where: { id }, select: { id: true, number: true, name: true } });
    await notifyInbox(tx, { type: "line", lineNumber: line.number, kind: "renamed" });
    return line;
  });
}
