import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ApiError } from "@/lib/http/api-error";
import { notifyInbox } from "@/lib/realtime/notify";
import type { LabelColor } from "./palette";

// The team's labels: create, rename, recolour, delete. Names are unique whatever their case
// (name_key). Deleting a label takes it off every conversation (the activity trail keeps
// the name it had). Each change tells open pages through a "labels" event.

export type LabelView = { id: number; name: string; color: string };
const labelSelect = { id: true, name: true, color: true } as const;
const nameKey = (name: string) => name.toLowerCase();

export function listLabels(db: Db): Promise<(LabelView & { conversations: number })[]> {
  return db.label
    .findMany({ select: { ...labelSelect, _count: { select: { conversations: true } } }, orderBy: { nameKey: "asc" } })
    .then((rows) => rows.map(({ _count, ...l }) => ({ ...l, conversations: _count.conversations })));
}

export async function findLabelByName(db: Db, name: string): Promise<LabelView | null> {
  return db.label.findUnique({ where: { nameKey: nameKey(name.trim()) }, select: labelSelect });
}

export async function createLabel(db: Db, input: { name: string; color: LabelColor }): Promise<LabelView> {
  return db.$transaction(async (tx) => {
    const label = await tx.label
      .create({ data: { name: input.name, nameKey: nameKey(input.name), color: input.color }, select: labelSelect })
      .catch(taken(input.name));
    await notifyInbox(tx, { type: "labels" });
    return label;
  });
}

export async function updateLabel(
  db: Db,
  id: number,
  input: { name?: string; color?: LabelColor },
): Promise<LabelView> {
  return db.$transaction(async (tx) => {
    const found = await tx.label.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw new ApiError(404, "not_found", `No label ${id}`);
    const label = await tx.label
      .update({
        where: { id },
        data: {
          ...(input.name !== undefined ? { name: input.name, nameKey: nameKey(input.name) } : {}),
          ...(input.color ? { color: input.color } : {}),
        },
        select: labelSelect,
      })
      .catch(taken(input.name ?? ""));
    await notifyInbox(tx, { type: "labels" });
    return label;
  });
}

export async function deleteLabel(db: Db, id: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.label.deleteMany({ where: { id } });
    if (!count) throw new ApiError(404, "not_found", `No label ${id}`);
    await notifyInbox(tx, { type: "labels" });
  });
}

function taken(name: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error))
      throw new ApiError(409, "label_exists", `name: a label called "${name}" already exists`);
    throw error;
  };
}
