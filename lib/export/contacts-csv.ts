import type { Db } from "@/lib/db/client";
import { listContacts, type ListContactsInput } from "@/lib/read/list-contacts";
import { CSV_BOM, csvRow } from "./csv";
import type { ZoneFormat } from "./zone-format";

// GET /api/contacts/export: the contacts the Contacts page lists for the same search (`q`),
// newest first, one CSV row each, read through the same keyset pages.

const PAGE_SIZE = 200;

export async function* contactsCsv(
  db: Db,
  input: Pick<ListContactsInput, "q">,
  options: { origin: string; time: ZoneFormat; pageSize?: number },
): AsyncGenerator<string> {
  const zone = options.time.timeZone;
  let header =
    CSV_BOM +
    csvRow([
      "Name",
      "Company",
      "Number",
      "Tags",
      "Opted out",
      "Verified",
      "Groups",
      "Conversations",
      `Last activity (${zone})`,
      `Added (${zone})`,
      "Link",
    ]);
  let cursor: string | null = null;
  do {
    const page = await listContacts(db, { q: input.q, cursor, limit: options.pageSize ?? PAGE_SIZE });
    let chunk = header;
    header = "";
    for (const c of page.contacts) {
      // Most recent first (list-contacts orders them so): the thread a person would open.
      const latest = c.conversations[0];
      chunk += csvRow([
        c.name,
        c.companyName,
        c.number,
        c.tags.join("; "),
        c.optedOut,
        c.verified,
        c.groupCount,
        c.conversations.length,
        latest ? options.time.sortable(latest.lastActivityAt) : null,
        options.time.sortable(c.createdAt),
        latest ? `${options.origin}/?c=${latest.id}` : null,
      ]);
    }
    yield chunk;
    cursor = page.nextCursor;
  } while (cursor);
}
