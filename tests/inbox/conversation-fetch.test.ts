import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// A page's reads of one conversation (the thread header's and the list row's, after the same
// live event) share one request, but only one that started after the change they wait for.

let requests: string[];
let release: (() => void)[];

beforeEach(() => {
  vi.resetModules(); // the module keeps the requests in flight
  requests = [];
  release = [];
  vi.stubGlobal("window", { location: { pathname: "/", search: "", assign: () => {} } });
  vi.stubGlobal("fetch", (url: string) => {
    const n = requests.push(url);
    return new Promise<Response>((resolve) =>
      release.push(() => resolve(new Response(JSON.stringify({ id: 7, read: n }), { status: 200 }))),
    );
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchConversation", () => {
  it("joins a request that started after the caller's event, and starts its own otherwise", async () => {
    const { fetchConversation } = await import("@/components/inbox/conversation-fetch");
    const heard = performance.now();
    const header = fetchConversation("/api/conversations/7");
    const row = fetchConversation("/api/conversations/7", heard);
    expect(requests).toHaveLength(1);

    // An event heard after that request went out needs a read of its own.
    await new Promise((r) => setTimeout(r, 2));
    const later = fetchConversation("/api/conversations/7", performance.now());
    expect(requests).toHaveLength(2);
    for (const r of release) r();
    expect(await header).toEqual({ id: 7, read: 1 });
    expect(await row).toBe(await header);
    expect(await later).toEqual({ id: 7, read: 2 });

    // Once answered, nothing is held: the next read goes out.
    void fetchConversation("/api/conversations/7");
    expect(requests).toHaveLength(3);
    expect(fetchConversation("/api/conversations/8", 0)).toBeInstanceOf(Promise);
    expect(requests).toHaveLength(4);
  });
});
