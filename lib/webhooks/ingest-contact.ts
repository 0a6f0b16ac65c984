import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyInbox } from "@/lib/realtime/notify";
import type { IngestContext, IngestResult } from "./ingest-types";
import { MissingFieldsError } from "./normalize-message";
import { contactPayloadSchema, unknownFields } from "./payload-schemas";

/** `contact_created`: names and flags for a number; empty values never erase known ones. */
export async function ingestContact(tx: Tx, body: Record<string, unknown>, _ctx: IngestContext): Promise<IngestResult> {
  const p = contactPayloadSchema.parse(body);
  const number = p.phone ?? p.phone_number ?? p.number;
  if (!number) throw new MissingFieldsError(["phone"]);
  const fields = {
    firstName: p.first_name ?? p.firstName,
    lastName: p.last_name ?? p.lastName,
    companyName: p.company_name,
    sendblueContactId: p.contact_id ?? p.id,
    verified: p.verified,
    optedOut: p.opt_out ?? p.opted_out,
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));
  const extra = (unknownFields(body, contactPayloadSchema) ?? undefined) as Prisma.InputJsonValue | undefined;
  await tx.contact.upsert({
    where: { number },
    create: { number, ...present, tags: p.tags, extra },
    update: {
      ...present,
      ...(p.tags.length ? { tags: p.tags } : {}),
      ...(extra ? { extra } : {}),
      updatedAt: new Date(),
    },
    select: { id: true },
  });
  await notifyInbox(tx, { type: "contact", number });
  return { duplicate: false };
}
