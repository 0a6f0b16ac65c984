import type { Db } from "@/lib/db/client";
import { contactName } from "./conversation-title";

/** Known contacts' names by number, in one query (for group senders and group titles). */
export async function contactNamesByNumber(db: Db, numbers: Iterable<string>): Promise<Map<string, string | null>> {
  const unique = [...new Set(numbers)];
  const contacts = unique.length
    ? await db.contact.findMany({
        where: { number: { in: unique } },
        select: { number: true, firstName: true, lastName: true, companyName: true },
      })
    : [];
  return new Map(contacts.map((c) => [c.number, contactName(c)]));
}

/** Who wrote each inbound message, by name where the contact is known (group threads show it). */
export async function withSenderNames<M extends { direction: string; senderNumber: string | null }>(
  db: Db,
  messages: M[],
): Promise<(M & { senderName: string | null })[]> {
  const names = await contactNamesByNumber(
    db,
    messages.filter((m) => m.direction === "inbound" && m.senderNumber).map((m) => m.senderNumber!),
  );
  return messages.map((m) => ({ ...m, senderName: m.senderNumber ? (names.get(m.senderNumber) ?? null) : null }));
}
