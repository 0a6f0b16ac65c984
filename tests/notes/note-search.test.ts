import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as notePost } from "@/app/api/conversations/[id]/notes/route";
import { GET as searchGet } from "@/app/api/search/route";
import { env } from "@/lib/env";
import type { SearchResponse } from "@/lib/search/search-messages";
import { newConversation, newMember } from "../support/members";
import { call } from "../support/route-call";

// Notes are a second source for search: found by their words (and word forms), marked as
// notes apart from message results, and left out when a message-only filter is set.

const tag = () => `zn${randomBytes(4).toString("hex")}`;

async function search(params: Record<string, string>) {
  const res = await searchGet(
    new Request(`http://inbox.test/api/search?${new URLSearchParams(params)}`, {
      headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` },
    }),
    { params: Promise.resolve({}) },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as SearchResponse;
}

describe("searching internal notes", () => {
  it("finds a note by its words, apart from messages, with its author and conversation", async () => {
    const w = tag();
    const ada = await newMember("Ada");
    const { id } = await newConversation();
    const note = await call(notePost, {
      method: "POST",
      bearer: ada.token,
      params: { id: String(id) },
      body: { body: `Customer ${w} asked about refunds twice` },
    });
    expect(note.status).toBe(201);

    const found = await search({ q: `${w} refund` });
    expect(found.results).toEqual([]);
    expect(found.notes).toHaveLength(1);
    expect(found.notes[0]).toMatchObject({ noteId: note.body.id, author: "Ada", conversation: { id } });
    expect(found.notes[0]!.snippet.filter((p) => p.mark).map((p) => p.text)).toEqual([w, "refunds"]);

    expect((await search({ q: w, conversation: String(id) })).notes).toHaveLength(1);
    expect((await search({ q: w, conversation: String(id + 1_000_000) })).notes).toHaveLength(0);
    expect((await search({ q: w, direction: "inbound" })).notes).toHaveLength(0);
    expect((await search({ q: `${w} -refunds` })).notes).toHaveLength(0);
  });
});
