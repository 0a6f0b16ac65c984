import type pg from "pg";
import { z } from "zod";
import { text } from "@/lib/webhooks/payload-schemas";
import { insertPageEvent, recordBadPage, type PageSource, type SourcePage } from "./ingest-page";
import type { ReadApi, WaitObserver } from "./read-api";

// Names for the numbers we text with, from Sendblue's `GET /api/v2/contacts` (a bare array;
// limit ≤ 1000, offset ≤ 10000). Each page is kept raw like a webhook; a contact's name,
// company, tags and verified flag are written when they differ, and a contact we never saw
// is added (it appears on the Contacts page). Opt-outs stay with the messages' own flag.

const contactSchema = z.looseObject({
  phone: text,
  first_name: text,
  last_name: text,
  company_name: text,
  contact_id: text,
  tags: z.array(z.string()).nullish().catch(null),
  verified: z.boolean().nullish().catch(null),
});

const PAGE = 1000;
const MAX_OFFSET = 10_000;

export async function importContacts(
  pool: pg.Pool,
  api: ReadApi,
  options: { source: PageSource; onWait?: WaitObserver; onRequest?: () => void },
): Promise<{ named: number; seen: number }> {
  let named = 0;
  let seen = 0;
  for (let offset = 0; offset <= MAX_OFFSET; offset += PAGE) {
    options.onRequest?.();
    const response = await api.listContacts(PAGE, offset, options.onWait);
    const receivedAt = new Date();
    let list: unknown;
    try {
      list = JSON.parse(response.body.toString("utf8"));
    } catch {
      list = null;
    }
    // The SDK documents a bare array; some answers wrap it.
    const rows = Array.isArray(list)
      ? list
      : Array.isArray((list as { data?: unknown })?.data)
        ? (list as { data: unknown[] }).data
        : null;
    const page = { source: options.source, type: "sendblue_contacts_page", raw: response.body, receivedAt };
    if (!rows) {
      await recordBadPage(pool, page, "not a list of contacts");
      break;
    }
    seen += rows.length;
    named += await storeContacts(pool, page, rows);
    if (rows.length < PAGE) break;
  }
  return { named, seen };
}

async function storeContacts(pool: pg.Pool, page: SourcePage, rows: unknown[]) {
  const contacts = rows
    .map((r) => contactSchema.safeParse(r))
    .filter((r) => r.success && r.data.phone)
    .map((r) => r.data!);
  // One row per number: the same number twice in a page would make the upsert touch a row twice.
  const byPhone = new Map(contacts.map((c) => [c.phone, c]));
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rowCount } = await client.query(
      `INSERT INTO contacts (number, first_name, last_name, company_name, sendblue_contact_id, tags, verified)
       SELECT c.phone, c.first_name, c.last_name, c.company_name, c.contact_id, coalesce(c.tags, '{}'), c.verified
       FROM jsonb_to_recordset($1::jsonb) AS c(phone text, first_name text, last_name text, company_name text,
                                               contact_id text, tags text[], verified boolean)
       ON CONFLICT (number) DO UPDATE SET
         first_name = coalesce(EXCLUDED.first_name, contacts.first_name),
         last_name = coalesce(EXCLUDED.last_name, contacts.last_name),
         company_name = coalesce(EXCLUDED.company_name, contacts.company_name),
         sendblue_contact_id = coalesce(EXCLUDED.sendblue_contact_id, contacts.sendblue_contact_id),
         tags = EXCLUDED.tags,
         verified = coalesce(EXCLUDED.verified, contacts.verified),
         updated_at = now()
       WHERE (contacts.first_name, contacts.last_name, contacts.company_name, contacts.sendblue_contact_id, contacts.tags, contacts.verified)
             IS DISTINCT FROM (coalesce(EXCLUDED.first_name, contacts.first_name), coalesce(EXCLUDED.last_name, contacts.last_name),
                               coalesce(EXCLUDED.company_name, contacts.company_name),
                               coalesce(EXCLUDED.sendblue_contact_id, contacts.sendblue_contact_id), EXCLUDED.tags,
                               coalesce(EXCLUDED.verified, contacts.verified))`,
      [JSON.stringify([...byPhone.values()].map((c) => ({ ...c, tags: c.tags ?? [] })))],
    );
    const skipped = rows.length - contacts.length;
    await insertPageEvent(
      client,
      page,
      "processed",
      skipped ? `${skipped} contacts without a phone number skipped` : null,
    );
    await client.query("COMMIT");
    return rowCount ?? 0;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
