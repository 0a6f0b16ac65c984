import { Client } from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import { INBOX_CHANNEL, type InboxEvent } from "./notify";

// The one place that speaks LISTEN. A server process keeps a single dedicated connection
// on `inbox_events` and fans each notification out to every subscriber (one per open
// SSE stream), so a hundred tabs cost one database connection, not a hundred. When the
// connection drops it reconnects with backoff and tells subscribers, which lets the
// browser refetch whatever it may have missed.

export type ListenSignal = { kind: "event"; event: InboxEvent } | { kind: "reconnected" } | { kind: "lost" };
type Subscriber = (signal: ListenSignal) => void;

class InboxListener {
  private subscribers = new Set<Subscriber>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;
  private everConnected = false;

  subscribe(fn: Subscriber): () => void {
    this.subscribers.add(fn);
    void this.ensureConnected();
    return () => {
      this.subscribers.delete(fn);
      if (this.subscribers.size === 0) this.close();
    };
  }

  get connected(): boolean {
    return this.client !== null;
  }

  private broadcast(signal: ListenSignal) {
    for (const fn of this.subscribers) {
      try {
        fn(signal);
      } catch (error) {
        log("warn", "inbox event subscriber failed", { error: String(error) });
      }
    }
  }

  private ensureConnected(): Promise<void> {
    if (this.client || this.connecting) return this.connecting ?? Promise.resolve();
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect() {
    const url = env().DATABASE_URL;
    if (!url) return;
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000, keepAlive: true });
    client.on("error", (error) => this.onLost(client, error));
    client.on("end", () => this.onLost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${INBOX_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners("end");
      client.end().catch(() => {});
      this.onLost(null, error);
      return;
    }
    client.on("notification", (msg) => {
      if (msg.channel !== INBOX_CHANNEL || !msg.payload) return;
      try {
        this.broadcast({ kind: "event", event: JSON.parse(msg.payload) as InboxEvent });
      } catch {
        log("warn", "unparseable inbox event", { payload: msg.payload.slice(0, 200) });
      }
    });
    this.client = client;
    this.retryMs = 500;
    if (this.everConnected) this.broadcast({ kind: "reconnected" });
    this.everConnected = true;
    if (this.subscribers.size === 0) this.close();
  }

  private onLost(client: Client | null, error: unknown) {
    if (client && this.client !== client) return;
    this.client = null;
    if (this.subscribers.size === 0) return;
    log("warn", "inbox event listener lost its connection", { error: error ? String(error) : "ended" });
    this.broadcast({ kind: "lost" });
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.subscribers.size) void this.ensureConnected();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
  }

  private close() {
    const client = this.client;
    this.client = null;
    // The next subscriber starts afresh: nothing was missed while nobody listened.
    this.everConnected = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (client) {
      client.removeAllListeners("end");
      client.removeAllListeners("error");
      client.on("error", () => {});
      client.end().catch(() => {});
    }
  }
}

const globalForListener = globalThis as unknown as { inboxListener?: InboxListener };

/** The process-wide listener (on globalThis so dev reloads don't open a second connection). */
export function inboxListener(): InboxListener {
  globalForListener.inboxListener ??= new InboxListener();
  return globalForListener.inboxListener;
}
