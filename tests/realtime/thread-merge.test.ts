import { describe, expect, it } from "vitest";
import type { MessagePage, MessageView } from "@/components/inbox/api";
import { mergePage, startRead } from "@/components/inbox/merge-page";

// The thread's window takes answers in the order they arrive; a copy read earlier must not
// replace one read later, whatever its status says.

const reply = (handle: string, status: string, clientId: string | null = "c-1"): MessageView =>
  ({
    id: 7,
    handle,
    clientId,
    status,
    sentAt: "2026-12-01T10:00:00.000Z",
    direction: "outbound",
    media: [],
    reactions: [],
  }) as unknown as MessageView;
const page = (messages: MessageView[]) =>
  ({ messages, events: [], nextCursor: null, newerCursor: null }) as unknown as MessagePage;
const statuses = (p: MessagePage) => p.messages.map((m) => `${m.handle} ${m.status}`);

describe("mergePage", () => {
  it("keeps a later read's copy when an earlier read answers last, under either handle", () => {
    const early = startRead();
    const late = startRead();
    const failed = reply("H1", "ERROR");
    late([failed]);
    let thread = mergePage(page([reply("pending:c-1", "SENDING")]), page([failed]));
    expect(statuses(thread)).toEqual(["H1 ERROR"]);
    const stale = [reply("pending:c-1", "SENDING"), reply("H1", "QUEUED")];
    early(stale);
    for (const m of stale) thread = mergePage(thread, page([m]));
    expect(statuses(thread)).toEqual(["H1 ERROR"]);
  });

  it("takes a later read even when its status ranks lower (a retry sends it again)", () => {
    const first = startRead();
    const failed = reply("H1", "ERROR");
    first([failed]);
    const second = startRead();
    const again = reply("H2", "QUEUED");
    second([again]);
    expect(statuses(mergePage(page([failed]), page([again])))).toEqual(["H2 QUEUED"]);
  });

  it("lets the server's copy replace this tab's own, and never the other way", () => {
    const read = startRead();
    const stored = reply("H1", "SENT");
    read([stored]);
    const own = reply("pending:c-1", "SENDING");
    expect(statuses(mergePage(page([own]), page([stored])))).toEqual(["H1 SENT"]);
    expect(statuses(mergePage(page([stored]), page([own])))).toEqual(["H1 SENT"]);
    // Messages that are not replies (no clientId) still merge by handle.
    const inbound = reply("IN1", "RECEIVED", null);
    read([inbound]);
    expect(mergePage(page([stored]), page([inbound])).messages).toHaveLength(2);
  });
});
