import type pg from "pg";
import { log } from "@/lib/http/log";
import { ingestMessages, PageAborted } from "./ingest-page";
import { sleep } from "./rate-limiter";
import type { ReadApi } from "./read-api";
import { releaseLease, takeLease } from "./sync-state";

// `SENDBLUE_EVENTS=stream`: new messages with no public URL. One server (the holder of the
// "stream" lease) keeps `GET /api/v2/events` open: server-sent events, a heartbeat every 15 s,
// rotated by Sendblue within 15 minutes, not a durable log. So: silence past the heartbeat
// deadline counts as a cut; every cut is followed by a reconnect with backoff; every
// (re)connect by a history query for the gap (a reconcile pass); and every event is
// deduplicated by its id (in the database, so a second server or a replay adds nothing).
// Message events carry the message; one that does not is read by handle.

export const STREAM_KEY = "stream";
const LEASE_MS = 60_000;

export type StreamStatus = {
  connected: boolean;
  connects: number;
  events: number;
  duplicates: number;
  lastEventAt: string | null;
  lastError: string | null;
};

export type StreamOptions = {
  owner: string;
  /** The gap query after each (re)connect. */
  repairGap: () => Promise<unknown>;
  heartbeatTimeoutMs?: number;
  backoffMs?: { min: number; max: number };
  onMedia?: () => void;
};

export function startEventStream(deps: { pool: pg.Pool; api: ReadApi }, o: StreamOptions) {
  const status: StreamStatus = {
    connected: false,
    connects: 0,
    events: 0,
    duplicates: 0,
    lastEventAt: null,
    lastError: null,
  };
  const stopper = new AbortController();
  const seen = new Set<string>();
  const backoff = o.backoffMs ?? { min: 1000, max: 60_000 };
  const heartbeatTimeout = o.heartbeatTimeoutMs ?? 45_000;

  const loop = (async () => {
    let failures = 0;
    while (!stopper.signal.aborted) {
      try {
        if (!(await takeLease(deps.pool, STREAM_KEY, o.owner, LEASE_MS))) {
          // Another server streams; take over if its lease lapses.
          await sleep(LEASE_MS / 4, stopper.signal);
          continue;
        }
        const gotData = await connectOnce();
        if (gotData) failures = 0;
      } catch (error) {
        status.lastError = error instanceof Error ? error.message : String(error);
        log("warn", "event stream dropped", { error: status.lastError });
      }
      status.connected = false;
      if (stopper.signal.aborted) break;
      const wait = Math.min(backoff.max, backoff.min * 2 ** failures++) * (0.75 + Math.random() * 0.5);
      await sleep(wait, stopper.signal);
    }
    await releaseLease(deps.pool, STREAM_KEY, o.owner).catch(() => {});
  })();

  async function connectOnce(): Promise<boolean> {
    const connection = new AbortController();
    const onStop = () => connection.abort();
    stopper.signal.addEventListener("abort", onStop, { once: true });
    let watchdog: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => connection.abort(new Error("no heartbeat")), heartbeatTimeout);
    };
    let gotData = false;
    let leaseRenewedAt = Date.now();
    try {
      arm();
      const response = await deps.api.openEvents(connection.signal);
      status.connected = true;
      status.connects++;
      // Whatever happened while we were not listening is only in the history.
      void o
        .repairGap()
        .catch((error: Error) => log("warn", "gap repair after connect failed", { error: error.message }));
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        arm();
        gotData = true;
        buffer += value;
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
          await handleFrame(frame);
        }
        if (Date.now() - leaseRenewedAt > LEASE_MS / 3) {
          leaseRenewedAt = Date.now();
          if (!(await takeLease(deps.pool, STREAM_KEY, o.owner, LEASE_MS))) break;
        }
      }
    } finally {
      clearTimeout(watchdog);
      stopper.signal.removeEventListener("abort", onStop);
      connection.abort();
    }
    return gotData;
  }

  async function handleFrame(frame: string): Promise<void> {
    let type = "message";
    let id: string | null = null;
    const data: string[] = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") type = value;
      else if (field === "id") id = value;
      else if (field === "data") data.push(value);
    }
    if (type === "heartbeat" || data.length === 0) return;
    let event: { id?: string; type?: string; data?: Record<string, unknown> } = {};
    try {
      event = JSON.parse(data.join("\n"));
    } catch {
      event = {};
    }
    id = event.id ?? id;
    type = event.type ?? type;
    if (!id) return log("warn", "stream event without an id ignored", { type });
    if (seen.has(id)) {
      status.duplicates++;
      return;
    }
    await applyEvent(id, type, event.data ?? {}, Buffer.from(data.join("\n")));
    seen.add(id);
    if (seen.size > 5000) seen.delete(seen.values().next().value!);
  }

  async function applyEvent(id: string, type: string, data: Record<string, unknown>, raw: Buffer): Promise<void> {
    let messages: unknown[] = [];
    if (type.startsWith("message.") && typeof data.message_handle === "string") {
      // A minimal event names the message; the history has the rest.
      if (!("is_outbound" in data) || !("status" in data)) {
        const response = await deps.api.getMessage(data.message_handle);
        const body = JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
        messages = [body.data && typeof body.data === "object" ? body.data : body];
      } else messages = [data];
    }
    try {
      const counts = await ingestMessages(
        deps.pool,
        {
          source: "stream",
          quiet: false,
          type: `sendblue_event:${type}`.slice(0, 64),
          raw,
          messages,
          receivedAt: new Date(),
        },
        async (client) => {
          const { rowCount } = await client.query(
            "INSERT INTO webhook_fingerprints (type, hash) VALUES ('sendblue_event', $1) ON CONFLICT DO NOTHING",
            [id.slice(0, 200)],
          );
          if (rowCount !== 1) throw new PageAborted("duplicate event");
        },
      );
      status.events++;
      status.lastEventAt = new Date().toISOString();
      if (counts.hasMedia) o.onMedia?.();
    } catch (error) {
      if (!(error instanceof PageAborted)) throw error;
      status.duplicates++;
    }
  }

  return {
    status,
    stop: async () => {
      stopper.abort();
      await loop;
    },
  };
}
