import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ApiError } from "@/lib/http/api-error";

// Team-wide saved replies. Names are unique whatever their case (name_key); the body keeps
// its {{variables}} as written: the composer fills them in (lib/saved-replies/fill-variables.ts).

export type SavedReplyView = { id: number; name: string; body: string; updatedAt: string };

const select = { id: true, name: true, body: true, updatedAt: true } as const;
const present = (r: { id: number; name: string; body: string; updatedAt: Date }): SavedReplyView => ({
  ...r,
  updatedAt: r.updatedAt.toISOString(),
});

/** Every saved reply by name (a team keeps tens, not thousands: the picker filters them in the browser). */
export async function listSavedReplies(db: Db): Promise<SavedReplyView[]> {
  return (await db.savedReply.findMany({ select, orderBy: { nameKey: "asc" }, take: 1000 })).map(present);
}

export async function createSavedReply(db: Db, input: { name: string; body: string }): Promise<SavedReplyView> {
  const row = await db.savedReply
    .create({ data: { ...input, nameKey: input.name.toLowerCase() }, select })
    .catch(taken(input.name));
  return present(row);
}

export async function updateSavedReply(
  db: Db,
  id: number,
  input: { name?: string; body?: string },
): Promise<SavedReplyView> {
  const { count } = await db.savedReply
    .updateMany({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name, nameKey: input.name.toLowerCase() } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        updatedAt: new Date(),
      },
    })
    .catch(taken(input.name ?? ""));
  if (!count) throw new ApiError(404, "not_found", `No saved reply ${id}`);
  return present(await db.savedReply.findUniqueOrThrow({ where: { id }, select }));
}

export async function deleteSavedReply(db: Db, id: number): Promise<void> {
  const { count } = await db.savedReply.deleteMany({ where: { id } });
  if (!count) throw new ApiError(404, "not_found", `No saved reply ${id}`);
}

function taken(name: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error))
      throw new ApiError(409, "saved_reply_exists", `name: a saved reply called "${name}" already exists`);
    throw error;
  };
}
