// Loads bench:search's corpus into a migrated database (also bench:upgrade's): COPY with the
// messages indexes dropped, then rebuilt, then VACUUM ANALYZE. Progress bars on stdout.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { messageText, personName, phoneNumber, rareWords, rng } from "./search-corpus";

export const SPAN_MS = 3 * 365 * 86_400_000;
const log = (line: string) => console.log(`[bench] ${line}`);
const FILE_NAMES = ["IMG_4821.HEIC", "IMG_0032.jpeg", "invoice-march.pdf", "contract_v2.pdf", "receipt.png", "voice-memo.caf", "floor plan.pdf", "Ada Lovelace.vcf"];

export function progress(label: string, done: number, total: number, started: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = done / Math.max((performance.now() - started) / 1000, 0.001);
  const step = Math.max(1, Math.floor(total / 20));
  if (done !== total && done % step !== 0) return;
  process.stdout.write(
    `\r[bench] ${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${((done / total) * 100).toFixed(0).padStart(3)}% ${done}/${total} (${Math.round(rate)}/s)`,
  );
  if (done === total) process.stdout.write("\n");
}

const esc = (v: string | number | null) =>
  v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

/** Streams rows into COPY in chunks, so memory stays flat whatever the row count. */
async function copy(client: pg.Client, sql: string, total: number, label: string, rows: () => Iterable<(string | number | null)[]>) {
  const started = performance.now();
  function* chunks() {
    let buffer: string[] = [];
    let done = 0;
    for (const row of rows()) {
      buffer.push(row.map(esc).join("\t"));
      done++;
      if (buffer.length === 5000) {
        yield buffer.join("\n") + "\n";
        buffer = [];
        if (done % 50_000 === 0) progress(label, done, total, started);
      }
    }
    if (buffer.length) yield buffer.join("\n") + "\n";
    progress(label, total, total, started);
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

export async function loadSearchCorpus(client: pg.Client, N: number) {
  const random = rng(42);
  const rare = rareWords(4000, random);
  const conversations = Math.max(50, Math.round(N / 40));
  const lines = ["+15122164639", "+17372221000", "+12125550100", "+14155550111"];
  await client.query(`INSERT INTO lines (number) SELECT unnest($1::text[])`, [lines]);

  const contactNumbers: string[] = [];
  const seen = new Set<string>();
  while (contactNumbers.length < conversations) {
    const n = phoneNumber(random);
    if (!seen.has(n)) contactNumbers.push(n), seen.add(n);
  }
  await copy(client, "COPY contacts (number, first_name, last_name) FROM STDIN", conversations, "contacts", function* () {
    for (const n of contactNumbers) {
      const name = random() < 0.7 ? personName(random) : null;
      yield [n, name?.first ?? null, name?.last ?? null];
    }
  });
  // 5% groups (3 participants, no single contact); the rest one contact each.
  const isGroup = contactNumbers.map(() => random() < 0.05);
  const lineOf = contactNumbers.map(() => 1 + Math.floor(random() * lines.length));
  await copy(client, "COPY conversations (key, kind, line_id, contact_number, group_id) FROM STDIN", conversations, "conversations", function* () {
    for (let i = 0; i < conversations; i++) {
      yield isGroup[i]
        ? [`group:g${i}`, "group", lineOf[i]!, null, `g${i}`]
        : [`direct:${lines[lineOf[i]! - 1]}:${contactNumbers[i]}`, "direct", lineOf[i]!, contactNumbers[i]!, null];
    }
  });
  await copy(client, "COPY conversation_participants (conversation_id, number) FROM STDIN", conversations, "participants", function* () {
    for (let i = 0; i < conversations; i++) if (isGroup[i]) for (let k = 0; k < 3; k++) yield [i + 1, contactNumbers[(i + k * 7919) % conversations]!];
  });

  // Index builds after the load are far faster than maintaining them row by row.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'messages' AND indexname <> 'messages_pkey'`,
  );
  for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);

  const start = Date.now() - SPAN_MS;
  const withMedia: number[] = [];
  await copy(
    client,
    "COPY messages (handle, conversation_id, direction, service, content, status, status_rank, from_number, to_number, sent_at) FROM STDIN",
    N,
    "messages",
    function* () {
      for (let i = 0; i < N; i++) {
        const c = Math.floor(conversations * random() ** 1.6); // some threads far busier than others
        const inbound = random() < 0.55;
        const contact = contactNumbers[c]!;
        const line = lines[lineOf[c]! - 1]!;
        const s = random();
        const sentAt = new Date(start + (i / N) * SPAN_MS + Math.floor(random() * 60_000));
        if (random() < 0.04) withMedia.push(i + 1);
        yield [
          `bench-${i}`, c + 1, inbound ? "inbound" : "outbound", s < 0.8 ? "iMessage" : s < 0.95 ? "SMS" : "RCS",
          messageText(random, rare), inbound ? "RECEIVED" : "DELIVERED", inbound ? 0 : 4,
          inbound ? contact : line, inbound ? line : contact, sentAt.toISOString(),
        ];
      }
    },
  );
  // Attachment names are searchable: media_attachments' trigger writes them into their
  // message's vector as they arrive (a cheap UPDATE while the messages indexes are dropped).
  await copy(client, "COPY media_attachments (message_id, source_url, kind, file_name) FROM STDIN", withMedia.length, "media", function* () {
    for (const id of withMedia) {
      const name = FILE_NAMES[id % FILE_NAMES.length]!;
      yield [id, `https://storage.example/media/${id}/${encodeURIComponent(name)}`, name.endsWith(".pdf") ? "file" : "image", name];
    }
  });
  // Conversations are ordered by their newest message, as ingestion keeps them.
  const t0 = performance.now();
  await client.query(`UPDATE conversations c SET last_activity_at = x.at, last_message_at = x.at
    FROM (SELECT conversation_id, max(sent_at) AS at FROM messages GROUP BY conversation_id) x WHERE c.id = x.conversation_id`);
  log(`conversations' last activity set in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  await client.query("SET maintenance_work_mem = '256MB'");
  for (const i of indexes) {
    const t = performance.now();
    await client.query(i.indexdef);
    log(`built ${i.indexname} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const t = performance.now();
  await client.query("VACUUM ANALYZE");
  log(`VACUUM ANALYZE in ${((performance.now() - t) / 1000).toFixed(1)} s`);

}

