import type pg from "pg";
import { encodeCursor } from "@/lib/read/cursor";

// What bench:read asks for, read back from the loaded database: the busiest threads (their
// newest page, a page from the middle of their history, a window around an old message),
// list cursors deep into the inbox, outbound messages with status history, the lines.

export type ReadTargets = {
  threads: { id: number; messages: number; oldCursor: string; aroundHandle: string }[];
  deepCursors: string[];
  historyHandles: string[];
  lines: string[];
  searchWord: string;
};

const cursorOf = (r: { sent_at: Date; id: number }) => encodeCursor([r.sent_at.toISOString(), r.id]);

export async function readTargets(client: pg.Client): Promise<ReadTargets> {
  // Conversation ids 1–20 are the busiest: the corpus skews messages towards low ids.
  const { rows: busy } = await client.query<{ id: number; n: string }>(
    `SELECT c.id, (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS n
     FROM conversations c WHERE c.id <= 20 ORDER BY c.id`,
  );
  const threads = [];
  for (const c of busy) {
    const n = Number(c.n);
    const at = async (offset: number) =>
      (
        await client.query<{ sent_at: Date; id: number; handle: string }>(
          `SELECT sent_at, id, handle FROM messages WHERE conversation_id = $1 ORDER BY sent_at, id OFFSET $2 LIMIT 1`,
          [c.id, offset],
        )
      ).rows[0]!;
    threads.push({
      id: c.id,
      messages: n,
      oldCursor: cursorOf(await at(Math.floor(n / 2))),
      aroundHandle: (await at(Math.floor(n / 4))).handle,
    });
  }
  // Pages 21–101 of 50 rows: someone scrolling far down the list.
  const { rows: deep } = await client.query<{ last_activity_at: Date; id: number }>(
    `SELECT last_activity_at, id FROM (
       SELECT last_activity_at, id, row_number() OVER (ORDER BY last_activity_at DESC, id DESC) AS r FROM conversations
     ) x WHERE r IN (1000, 2000, 3000, 4000, 5000) ORDER BY r`,
  );
  const { rows: history } = await client.query<{ handle: string }>(
    `SELECT m.handle FROM messages m WHERE m.conversation_id <= 20 AND m.direction = 'outbound'
       AND EXISTS (SELECT 1 FROM message_status_events s WHERE s.message_id = m.id)
     ORDER BY m.id DESC LIMIT 20`,
  );
  const { rows: lines } = await client.query<{ number: string }>("SELECT number FROM lines ORDER BY id");
  return {
    threads,
    deepCursors: deep.map((r) => encodeCursor([r.last_activity_at.toISOString(), r.id])),
    historyHandles: history.map((r) => r.handle),
    lines: lines.map((r) => r.number),
    searchWord: "delivery",
  };
}
