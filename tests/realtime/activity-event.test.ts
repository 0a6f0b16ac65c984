import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { createNote } from "@/lib/notes/create-note";
import { INBOX_CHANNEL, inboxEventSchema, type InboxEvent } from "@/lib/realtime/notify";
import { changeConversation } from "@/lib/workflow/change-conversation";
import { testDb } from "../support/db";
import { newConversation } from "../support/members";
import { randomEmail } from "../support/route-call";

// An activity line's event names the members a note mentions, so only a note with mentions
// makes open pages refetch their @ badge (components/shell/mentions-badge.tsx); a state
// change or an assignment sends the plain event, which NOTIFY folds to one per transaction.

let listener: pg.Client;
const heard: InboxEvent[] = [];

beforeAll(async () => {
  listener = new pg.Client({ connectionString: env().DATABASE_URL });
  await listener.connect();
  listener.on("notification", (n) => n.payload && heard.push(inboxEventSchema.parse(JSON.parse(n.payload))));
  await listener.query(`LISTEN ${INBOX_CHANNEL}`);
});

afterAll(async () => {
  await listener?.end();
});

/** Every event for the conversation once its "conversation" or activity event is in. */
async function eventsFor(conversationId: number, type: InboxEvent["type"]): Promise<InboxEvent[]> {
  for (let i = 0; i < 200; i++) {
    const mine = heard.filter((e) => "conversationId" in e && e.conversationId === conversationId);
    if (mine.some((e) => e.type === type)) return mine;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${type} event for ${conversationId}`);
}

const member = (name: string) =>
  createUser(testDb(), { email: randomEmail(), password: "correct horse battery", name });

describe("the activity event", () => {
  it("names the members a note mentions", async () => {
    const [ada, bo] = [await member("Ada"), await member("Bo")];
    const { id } = await newConversation();
    heard.length = 0;
    await createNote(testDb(), ada, { conversationId: id, body: "@Bo can you call?", mentions: [bo.id] });
    const events = await eventsFor(id, "activity");
    expect(events.filter((e) => e.type === "activity")).toEqual([
      { type: "activity", conversationId: id, mentions: [bo.id] },
    ]);
  });

  it("is the plain event, once, for a change with two trail lines", async () => {
    const ada = await member("Ada");
    const { id } = await newConversation();
    heard.length = 0;
    await changeConversation(
      testDb(),
      id,
      { id: ada.id, name: ada.name, email: ada.email },
      { state: "done", assigneeId: ada.id },
    );
    const events = await eventsFor(id, "conversation");
    expect(events.filter((e) => e.type === "activity")).toEqual([{ type: "activity", conversationId: id }]);
    expect(await testDb().conversationActivity.count({ where: { conversationId: id } })).toBe(2);
  });
});
