import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/messages/[handle]/context/route";
import { env } from "@/lib/env";
import type { MessageContext } from "@/lib/search/message-context";
import { callWebhook, receiveBody, uniqueHandle, uniqueNumber } from "../support/webhooks";

async function context(handle: string, query = "") {
  const res = await GET(
    new Request(`http://inbox.test/api/messages/${encodeURIComponent(handle)}/context${query}`, {
      headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` },
    }),
    { params: Promise.resolve({ handle: encodeURIComponent(handle) }) },
  );
  return { status: res.status, body: (await res.json()) as MessageContext & { messages: { handle: string }[] } };
}

describe("GET /api/messages/:handle/context", () => {
  it("returns the message between its older and newer neighbours, with cursors both ways", async () => {
    const contact = uniqueNumber();
    const handles: string[] = [];
    for (let n = 0; n < 9; n++) {
      const body = receiveBody({
        number: contact,
        content: `m${n}`,
        message_handle: uniqueHandle(),
        date_sent: new Date(Date.UTC(2026, 3, 1, 8, n)).toISOString(),
      });
      expect((await callWebhook("receive", body)).status).toBe(200);
      handles.push(body.message_handle);
    }
    const around = await context(handles[4]!, "?limit=2");
    expect(around.status).toBe(200);
    expect(around.body.targetHandle).toBe(handles[4]);
    expect(around.body.messages.map((m) => m.handle)).toEqual(handles.slice(2, 7));
    expect(around.body.olderCursor).not.toBeNull();

    const next = await context(handles[4]!, `?limit=2&after=${around.body.newerCursor}`);
    expect(next.body.messages.map((m) => m.handle)).toEqual(handles.slice(7, 9));
    expect(next.body.newerCursor).toBeNull();

    const edge = await context(handles[0]!, "?limit=3");
    expect(edge.body.messages.map((m) => m.handle)).toEqual(handles.slice(0, 4));
    expect(edge.body.olderCursor).toBeNull();
    expect((await context("no-such-handle")).status).toBe(404);
  });
});
