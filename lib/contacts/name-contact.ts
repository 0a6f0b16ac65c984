import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";

// An agent names a number (an unknown sender, or a contact Sendblue knows under another
// name). The contact row is created if Sendblue never sent one; lists, threads and search
// read names from it, so every open page shows the new name on the `contact` event.

const name = z.string().trim().max(100, "at most 100 characters").nullable().optional();

export const contactNameBody = z
  .object({ firstName: name, lastName: name, companyName: name })
  .refine((b) => b.firstName !== undefined || b.lastName !== undefined || b.companyName !== undefined, {
    message: "give firstName, lastName or companyName",
  });

export const contactNumberParam = z
  .string()
  .transform((s) => decodeURIComponent(s))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, "number must be in E.164 form, e.g. +15551234567"));

export type ContactName = z.infer<typeof contactNameBody>;

/** What PATCH /api/contacts/<number> answers. */
export const contactNamed = z.object({
  contact: z.looseObject({
    number: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    companyName: z.string().nullable(),
  }),
});

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() ? v.trim() : null);

export async function nameContact(db: Db, number: string, input: ContactName) {
  const data = {
    firstName: blankToNull(input.firstName),
    lastName: blankToNull(input.lastName),
    companyName: blankToNull(input.companyName),
  };
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.upsert({
      where: { number },
      create: { number, ...data },
      update: { ...data, updatedAt: new Date() },
      select: { number: true, firstName: true, lastName: true, companyName: true },
    });
    await notifyInbox(tx, { type: "contact", number });
    return contact;
  });
}
