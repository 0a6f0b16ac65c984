// COPY-loads the seeded message corpus (scripts/lib/search-corpus.ts) into a migrated,
// empty database, for bench:search and bench:read: lines, contacts, ~40 messages per
// conversation (some threads far busier than others), 5% groups, 4% with an attachment.
// Indexes on messages are dropped during the load and rebuilt after it, which is far faster
// than maintaining them row by row. `realistic` also fills what the inbox reads beside the
// messages: each conversation's last message and unread count, status history, tapbacks,
// attachments kept but a few, so a read bench sees the rows a real inbox holds.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { fillInsightsModel, outboundOutcome } from "./insights-corpus";
import { messageText, personName, phoneNumber, rareWords, rng } from "./search-corpus";

export const CORPUS_SPAN_MS = 3 * 365 * 86_400_000;
const FILE_NAMES = [
  "IMG_4821.HEIC",
  "IMG_0032.jpeg",
  "invoice-march.pdf",
  "contract_v2.pdf",
  "receipt.png",
  "floor plan.pdf",
  "IMG_7730.jpeg",
  "scan.png",
];
export const CORPUS_LINES = ["+15122164639", "+17372221000", "+12125550100", "+14155550111"];

export type Log = (line: string) => void;

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
  v === null
    ? "\\N"
    : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

/** Streams rows into COPY in chunks, so memory stays flat whatever the row count. */
async function copy(
  client: pg.Client,
  sql: string,
  total: number,
  label: string,
  rows: () => Iterable<(string | number | null)[]>,
) {
  const started = performance.now();
  function* chunks() {
    let buffer: string[] = [];
    let done = 0;
    for (const row of rows()) {
      buffer.push(row.map(esc).join("\t"));
      done++;
      if (buffer.length === 5000) {
        yield `${buffer.join("\n")}\n`;
        buffer = [];
        if (done % 50_000 === 0) progress(label, done, total, started);
      }
    }
    if (buffer.length) yield `${buffer.join("\n")}\n`;
    progress(label, total, total, started);
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

async function timed(log: Log, what: string, run: () => Promise<unknown>) {
  const t = performance.now();
  await run();
  log(`${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

export type CorpusOptions = {
  log: Log;
  realistic?: boolean;
  /** Delivery outcomes, calls, contacts' first-seen times and opt-outs (bench:insights). */
  insights?: boolean;
  /** How far back the messages reach (default CORPUS_SPAN_MS, three years). */
  spanMs?: number;
};

export async function loadCorpus(client: pg.Client, messages: number, options: CorpusOptions) {
  const { log } = options;
  const span = options.spanMs ?? CORPUS_SPAN_MS;
  const outcomes = rng(4242); // a stream of its own: the corpus is the same with or without it
  const N = messages;
  const random = rng(42);
  const rare = rareWords(4000, random);
  const conversations = Math.max(50, Math.round(N / 40));
  const lines = CORPUS_LINES;
  await client.query(`INSERT INTO lines (number) SELECT unnest($1::text[])`, [lines]);

  const contactNumbers: string[] = [];
  const seen = new Set<string>();
  while (contactNumbers.length < conversations) {
    const n = phoneNumber(random);
    if (!seen.has(n)) contactNumbers.push(n), seen.add(n);
  }
  await copy(
    client,
    "COPY contacts (number, first_name, last_name) FROM STDIN",
    conversations,
    "contacts",
    function* () {
      for (const n of contactNumbers) {
        const name = random() < 0.7 ? personName(random) : null;
        yield [n, name?.first ?? null, name?.last ?? null];
      }
    },
  );
  // 5% groups (3 participants, no single contact); the rest one contact each.
  const isGroup = contactNumbers.map(() => random() < 0.05);
  const lineOf = contactNumbers.map(() => 1 + Math.floor(random() * lines.length));
  await copy(
    client,
    "COPY conversations (key, kind, line_id, contact_number, group_id) FROM STDIN",
    conversations,
    "conversations",
    function* () {
      for (let i = 0; i < conversations; i++) {
        yield isGroup[i]
          ? [`group:g${i}`, "group", lineOf[i]!, null, `g${i}`]
          : [`direct:${lines[lineOf[i]! - 1]}:${contactNumbers[i]}`, "direct", lineOf[i]!, contactNumbers[i]!, null];
      }
    },
  );
  await copy(
    client,
    "COPY conversation_participants (conversation_id, number) FROM STDIN",
    conversations,
    "participants",
    function* () {
      for (let i = 0; i < conversations; i++)
        if (isGroup[i]) for (let k = 0; k < 3; k++) yield [i + 1, contactNumbers[(i + k * 7919) % conversations]!];
    },
  );

  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'messages' AND indexname <> 'messages_pkey'`,
  );
  for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);
  // response_waits' trigger reads each message's neighbours, which without the indexes is a
  // scan of the table per row: the waits are filled in bulk once the indexes are back.
  // (bench:upgrade loads a schema from before that migration.)
  const { rows: waitsTable } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('response_waits') IS NOT NULL AS present",
  );
  const keepsWaits = waitsTable[0]!.present;
  if (keepsWaits) await client.query("ALTER TABLE messages DISABLE TRIGGER messages_response_waits_insert");
  // message_rollup's trigger would append one delta per message; one rebuild after the load
  // sums the same in one pass (bench:upgrade loads a schema from before that migration).
  const { rows: rollupTable } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('message_rollup') IS NOT NULL AS present",
  );
  const keepsRollup = rollupTable[0]!.present;
  if (keepsRollup) await client.query("ALTER TABLE messages DISABLE TRIGGER messages_rollup_inserted");

  const start = Date.now() - span;
  const withMedia: number[] = [];
  await copy(
    client,
    "COPY messages (handle, conversation_id, direction, service, content, status, status_rank, error_code, error_message, was_downgraded, from_number, to_number, sent_at) FROM STDIN",
    N,
    "messages",
    function* () {
      for (let i = 0; i < N; i++) {
        const c = Math.floor(conversations * random() ** 1.6); // some threads far busier than others
        const inbound = random() < 0.55;
        const contact = contactNumbers[c]!;
        const line = lines[lineOf[c]! - 1]!;
        const s = random();
        const sentAt = new Date(start + (i / N) * span + Math.floor(random() * 60_000));
        if (random() < 0.04) withMedia.push(i + 1);
        const outcome = inbound
          ? ["RECEIVED", 0, null, null, null]
          : options.insights
            ? outboundOutcome(outcomes)
            : ["DELIVERED", 4, null, null, null];
        yield [
          `bench-${i}`,
          c + 1,
          inbound ? "inbound" : "outbound",
          s < 0.8 ? "iMessage" : s < 0.95 ? "SMS" : "RCS",
          messageText(random, rare),
          ...outcome,
          inbound ? contact : line,
          inbound ? line : contact,
          sentAt.toISOString(),
        ];
      }
    },
  );
  // Attachment names are searchable: media_attachments' trigger writes them into their
  // message's vector as they arrive (the search_stems migration).
  await copy(
    client,
    "COPY media_attachments (message_id, source_url, kind, file_name) FROM STDIN",
    withMedia.length,
    "media",
    function* () {
      for (const id of withMedia) {
        const name = FILE_NAMES[id % FILE_NAMES.length]!;
        yield [
          id,
          `https://storage.example/media/${id}/${encodeURIComponent(name)}`,
          name.endsWith(".pdf") ? "pdf" : "image",
          name,
        ];
      }
    },
  );

  await client.query("SET maintenance_work_mem = '256MB'");
  for (const i of indexes) await timed(log, `built ${i.indexname}`, () => client.query(i.indexdef));
  if (options.realistic) await fillReadModel(client, log);
  if (options.insights) await fillInsightsModel(client, log);
  if (keepsWaits) {
    await client.query("ALTER TABLE messages ENABLE TRIGGER messages_response_waits_insert");
    await timed(log, "filled response_waits (first-response waits)", () =>
      client.query("SELECT inbox_response_waits_backfill(0, (SELECT coalesce(max(id), 0) FROM conversations))"),
    );
  }
  if (keepsRollup) {
    await client.query("ALTER TABLE messages ENABLE TRIGGER messages_rollup_inserted");
    await timed(log, "filled message_rollup (Insights' hourly counts)", () =>
      client.query(
        `SELECT inbox_message_rollup_rebuild(date_bin('1 hour', min(sent_at), timestamptz 'epoch'), max(sent_at) + interval '1 hour')
         FROM messages`,
      ),
    );
  }
  // The load's counter deltas (migration 20261202050000_read_counters) into their totals, as
  // ingestion would have folded them along the way.
  await client.query("SELECT inbox_fold_counters()");
  await timed(log, "VACUUM ANALYZE", () => client.query("VACUUM ANALYZE"));
}

/**
 * What ingestion keeps beside each message, set in bulk: the conversation's newest message
 * (the list shows it) and unread count, each outbound message's SENT and DELIVERED history,
 * a tapback on 2% of messages, and attachments kept but for a small backlog.
 */
async function fillReadModel(client: pg.Client, log: Log) {
  await timed(log, "filled each conversation's last message and unread count", () =>
    client.query(`
      UPDATE conversations c
      SET last_message_id = l.id, last_message_at = l.sent_at, last_activity_at = l.sent_at,
          unread_count = CASE WHEN l.direction = 'inbound' THEN 1 + (c.id % 3) ELSE 0 END
      FROM (SELECT DISTINCT ON (conversation_id) conversation_id, id, sent_at, direction
            FROM messages ORDER BY conversation_id, sent_at DESC, id DESC) l
      WHERE l.conversation_id = c.id`),
  );
  await timed(log, "added SENT and DELIVERED history to outbound messages", () =>
    client.query(`
      INSERT INTO message_status_events (message_id, status, occurred_at, received_at)
      SELECT m.id, s.status, m.sent_at + s.after, m.sent_at + s.after
      FROM messages m, (VALUES ('SENT', interval '1 second'), ('DELIVERED', interval '3 seconds')) AS s(status, after)
      WHERE m.direction = 'outbound'`),
  );
  await timed(log, "added tapbacks to 2% of messages", () =>
    client.query(`
      INSERT INTO reactions (handle, message_id, reaction, direction, sender_number, sent_at)
      SELECT 'tapback-' || m.id, m.id, 'love', CASE WHEN m.direction = 'inbound' THEN 'outbound' ELSE 'inbound' END::"Direction",
             m.to_number, m.sent_at + interval '1 minute'
      FROM messages m WHERE m.id % 50 = 0`),
  );
  // A mirror in its steady state: a backlog and a few failures that do not grow with history.
  await timed(log, "kept all but the newest 30 attachments (20 pending, 10 failed)", async () => {
    await client.query(`
      UPDATE media_attachments SET mirror_state = 'kept', storage_key = 'bench/' || id, thumbnail_key = 'bench/' || id || '.thumb',
             content_type = 'image/jpeg', byte_size = 250000, width = 1200, height = 900, kept_at = now()
      WHERE id <= (SELECT max(id) - 30 FROM media_attachments)`);
    await client.query(`
      UPDATE media_attachments SET mirror_state = 'failed', attempts = 8, last_error = 'bench: the host refused every attempt'
      WHERE id > (SELECT max(id) - 10 FROM media_attachments)`);
  });
}
