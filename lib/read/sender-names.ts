import type { Db } from "@/lib/db/client";
import { contactName } from "./list-conversations";

/** Who wrote each inbound message, by name where the contact is known (group threads show it). */
export async function withSenderNames<M extends { direction: string; senderNumber: string | null }>(
  db: Db,
  messages: M[],
): Promise<(M & { senderName: string | null })[]> {
  const numbers = [...new Set(messages.filter((m) => m.direction === "inbound" && m.senderNumber).map((m) => m.senderNumber!))];
  const contacts = numbers.length
    ? await db.contact.findMany({
        where: { number: { in: numbers } },
        select: { number: true, firstName: true, lastName: true, companyName: true, optedOut: true },
      })
    : [];
  const names = new Map(contacts.map((c) => [c.number, contactName(c)]));
  return messages.map((m) => ({ ...m, senderName: m.senderNumber ? (names.get(m.senderNumber) ?? null) : null }));
}
