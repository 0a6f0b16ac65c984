import { afterAll, describe, expect, it } from "vitest";
import { GET as streamGet } from "@/app/api/events/stream/route";
import { inboxListener, type ListenSignal } from "@/lib/realtime/listen";
import { closeAllEventStreams } from "@/lib/realtime/sse-stream";
import { authedGet } from "../support/api";
import { testDb } from "../support/db";
import { callWebhook, receiveBody } from "../support/webhooks";

// The LISTEN side: one shared connection, fan-out to subscribers, recovery after the
// database drops it, and the SSE response built on top.

function collector() {
  const signals: ListenSignal[] = [];
  const unsubscribe = inboxListener().subscribe((s) => signals.push(s));
  const waitFor = async (pred: (s: ListenSignal) => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const hit = signals.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching signal; got ${JSON.stringify(signals)}`);
  };
  return { signals, unsubscribe, waitFor };
}

const listenerPids = async () =>
  (
    await testDb().$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN inbox_events%'`
  ).map((r) => r.pid);

async function waitConnected() {
  for (let i = 0; i < 100 && !inboxListener().connected; i++) await new Promise((r) => setTimeout(r, 20));
}

afterAll(() => {
  // Subscribers unsubscribed in each test; nothing left holding the connection.
  expect(inboxListener().connected).toBe(false);
});

describe("inbox listener", () => {
  it("delivers committed webhook effects to every subscriber over one connection", async () => {
    const a = collector();
    const b = collector();
    await waitConnected();
    expect(await listenerPids()).toHaveLength(1);
    const body = receiveBody();
    await callWebhook("receive", body);
    const isMessage = (s: ListenSignal) =>
      s.kind === "event" && s.event.type === "message" && s.event.handle === body.message_handle;
    await a.waitFor(isMessage);
    await b.waitFor(isMessage);
    a.unsubscribe();
    b.unsubscribe();
  });

  it("reconnects after the database kills its connection and keeps delivering", async () => {
    const c = collector();
    await waitConnected();
    expect(c.signals.filter((s) => s.kind === "reconnected")).toEqual([]);
    for (const pid of await listenerPids()) await testDb().$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await c.waitFor((s) => s.kind === "lost");
    await c.waitFor((s) => s.kind === "reconnected", 8000);
    expect(await listenerPids()).toHaveLength(1);
    const body = receiveBody();
    await callWebhook("receive", body);
    await c.waitFor((s) => s.kind === "event" && s.event.type === "message" && s.event.handle === body.message_handle);
    c.unsubscribe();
  });
});

describe("GET /api/events/stream", () => {
  it("refuses anonymous callers", async () => {
    const res = await streamGet(authedGet("/api/events/stream", { token: null }), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
  });

  it("streams ready, then inbox events, until the client goes away", async () => {
    const abort = new AbortController();
    const res = await streamGet(authedGet("/api/events/stream", { signal: abort.signal }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5000;
      while (!text.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`stream never said ${needle}; got ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        text += decoder.decode(value);
      }
    };
    await readUntil("event: ready");
    await waitConnected();
    const body = receiveBody();
    await callWebhook("receive", body);
    await readUntil(body.message_handle);
    expect(text).toMatch(new RegExp(`event: inbox\\ndata: \\{"type":"message".*${body.message_handle}`));
    abort.abort();
    const end = await reader.read();
    expect(end.done).toBe(true);
  });

  it("ends every open stream on shutdown, and lets go of the listener", async () => {
    const open = () => streamGet(authedGet("/api/events/stream"), { params: Promise.resolve({}) });
    const readers = (await Promise.all([open(), open()])).map((r) => r.body!.getReader());
    for (const reader of readers)
      expect(new TextDecoder().decode((await reader.read()).value)).toContain("event: ready");
    expect(closeAllEventStreams()).toBe(2);
    for (const reader of readers) {
      let done = false;
      while (!done) done = (await reader.read()).done;
    }
    expect(closeAllEventStreams()).toBe(0);
    for (let i = 0; i < 100 && inboxListener().connected; i++) await new Promise((r) => setTimeout(r, 20));
    expect(inboxListener().connected).toBe(false);
  });
});
