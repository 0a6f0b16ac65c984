import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as notePost } from "@/app/api/conversations/[id]/notes/route";
import { POST as replyPost } from "@/app/api/conversations/[id]/replies/route";
import { resetEnvCache } from "@/lib/env";
import { startFakeSendblue } from "@/lib/sendblue/fake-sendblue";
import { startWebhookReceiver } from "../support/inbox-http";
import { newConversation, newMember } from "../support/members";
import { call } from "../support/route-call";

// A note is for the team: with Sendblue configured (the stand-in), a reply reaches it and a
// note, with a mention, never does.

const receiver = await startWebhookReceiver();
const fake = await startFakeSendblue({ keyId: "note-kid", secret: "note-sec", delayMs: 5 });
const saved = { ...process.env };

beforeAll(() => {
  process.env.SENDBLUE_API_BASE_URL = fake.url;
  process.env.SENDBLUE_API_KEY_ID = "note-kid";
  process.env.SENDBLUE_API_SECRET = "note-sec";
  process.env.PUBLIC_URL = receiver.base;
  resetEnvCache();
});
afterAll(async () => {
  process.env = saved;
  resetEnvCache();
  await fake.close();
  await receiver.close();
});

describe("notes and Sendblue", () => {
  it("sends a reply to the Sendblue stand-in but never a note", async () => {
    const ada = await newMember("Ada");
    const grace = await newMember("Grace");
    const { id, number } = await newConversation();
    const params = { id: String(id) };

    const reply = await call(replyPost, {
      method: "POST",
      bearer: ada.token,
      params,
      body: { clientId: randomUUID(), content: "Public reply" },
    });
    expect(reply.status).toBe(202);
    const sends = fake.calls.filter((c) => c.path === "/api/send-message");
    expect(sends.at(-1)!.body).toMatchObject({ number, content: "Public reply" });

    const before = fake.calls.length;
    const note = await call(notePost, {
      method: "POST",
      bearer: ada.token,
      params,
      body: { body: "Secret: @Grace she is a VIP", mentions: [grace.id] },
    });
    expect(note.status).toBe(201);
    // Give a stray send time to arrive before counting.
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls.slice(before)).toEqual([]);
    expect(JSON.stringify(fake.calls)).not.toContain("Secret");
  });
});
