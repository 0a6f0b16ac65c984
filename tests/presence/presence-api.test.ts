import { describe, expect, it } from "vitest";
import { GET as presenceGet, POST as presencePost } from "@/app/api/conversations/[id]/presence/route";
import { env } from "@/lib/env";
import { testDb } from "../support/db";
import { newConversation, newMember } from "../support/members";
import { call } from "../support/route-call";

// Collision over the API: heartbeats make a member present (viewing or replying) to the
// others, only a change is announced, "left" removes them, and an expired heartbeat counts
// for nothing.

const beat = (id: number, bearer: string, state: string) =>
  call(presencePost, { method: "POST", bearer, params: { id: String(id) }, body: { state } });
const others = async (id: number, bearer: string) =>
  (await call(presenceGet, { bearer, params: { id: String(id) } })).body.present as { name: string; state: string }[];

describe("conversation presence", () => {
  it("shows who views and who replies to the others, and forgets who left", async () => {
    const ada = await newMember("Ada");
    const grace = await newMember("Grace");
    const { id } = await newConversation();

    expect((await beat(id, ada.token, "viewing")).body).toEqual({ changed: true });
    expect((await beat(id, ada.token, "viewing")).body).toEqual({ changed: false });
    expect(await others(id, grace.token)).toEqual([
      { userId: ada.id, name: "Ada", state: "viewing", expiresAt: expect.any(String) },
    ]);
    expect(await others(id, ada.token)).toEqual([]);

    expect((await beat(id, ada.token, "replying")).body).toEqual({ changed: true });
    await beat(id, grace.token, "viewing");
    expect((await others(id, grace.token)).map((p) => [p.name, p.state])).toEqual([["Ada", "replying"]]);
    expect((await others(id, ada.token)).map((p) => [p.name, p.state])).toEqual([["Grace", "viewing"]]);

    expect((await beat(id, ada.token, "left")).body).toEqual({ changed: true });
    expect(await others(id, grace.token)).toEqual([]);
  });

  it("ignores a heartbeat that has expired (a closed tab that never said goodbye)", async () => {
    const ada = await newMember("Ada");
    const grace = await newMember("Grace");
    const { id } = await newConversation();
    await beat(id, ada.token, "replying");
    await testDb().conversationPresence.updateMany({
      where: { conversationId: id, userId: ada.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await others(id, grace.token)).toEqual([]);
    // Coming back after expiry is a change others hear about.
    expect((await beat(id, ada.token, "replying")).body).toEqual({ changed: true });
  });

  it("refuses a bad state, an unknown conversation and the shared automation token", async () => {
    const ada = await newMember("Ada");
    const { id } = await newConversation();
    const bad = await beat(id, ada.token, "typing");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^state:/);
    expect((await beat(999_999_999, ada.token, "viewing")).status).toBe(404);
    expect((await beat(id, env().INBOX_API_TOKEN!, "viewing")).status).toBe(403);
  });
});
