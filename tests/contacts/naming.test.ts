import { describe, expect, it } from "vitest";
import { PATCH as nameContactRoute } from "@/app/api/contacts/[number]/route";
import { PATCH as nameLineRoute } from "@/app/api/lines/[id]/route";
import { env } from "@/lib/env";
import { getConversation } from "@/lib/read/list-conversations";
import { listLines } from "@/lib/read/list-lines";
import { testDb } from "../support/db";
import { call } from "../support/route-call";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// An agent names an unknown number from its thread, and a team names its lines.

const bearer = () => env().INBOX_API_TOKEN!;

describe("naming numbers and lines", () => {
  it("names an unknown number, and the thread is titled by it", async () => {
    const number = uniqueNumber();
    const body = receiveBody({ number });
    expect((await callWebhook("receive", body)).status).toBe(200);
    const { conversationId } = await testDb().message.findUniqueOrThrow({
      where: { handle: body.message_handle },
      select: { conversationId: true },
    });
    expect(
      await testDb().contact.findUnique({ where: { number }, select: { firstName: true, lastName: true } }),
    ).toMatchObject({ firstName: null, lastName: null });

    const res = await call(nameContactRoute, {
      method: "PATCH",
      bearer: bearer(),
      params: { number: encodeURIComponent(number) },
      body: { firstName: " Ada ", lastName: "Lovelace", companyName: "" },
    });
    expect(res.status).toBe(200);
    expect(res.body.contact).toEqual({ number, firstName: "Ada", lastName: "Lovelace", companyName: null });
    const view = await getConversation(testDb(), conversationId);
    expect(view).toMatchObject({ title: "Ada Lovelace", contactNumber: number, contact: { name: "Ada Lovelace" } });
    // The name search column follows (kept by a trigger).
    expect((await testDb().contact.findUniqueOrThrow({ where: { number } })).searchName).toContain("ada lovelace");

    // Renaming keeps what is not given; null clears.
    await call(nameContactRoute, { method: "PATCH", bearer: bearer(), params: { number }, body: { lastName: null } });
    expect((await getConversation(testDb(), conversationId))!.title).toBe("Ada");
  });

  it("refuses a malformed number, an empty body and a name too long, naming the field", async () => {
    const bad = await call(nameContactRoute, {
      method: "PATCH",
      bearer: bearer(),
      params: { number: "5551234" },
      body: { firstName: "X" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("E.164");
    const empty = await call(nameContactRoute, {
      method: "PATCH",
      bearer: bearer(),
      params: { number: uniqueNumber() },
      body: {},
    });
    expect(empty.status).toBe(400);
    const long = await call(nameContactRoute, {
      method: "PATCH",
      bearer: bearer(),
      params: { number: uniqueNumber() },
      body: { firstName: "x".repeat(101) },
    });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain("firstName");
  });

  it("names a line, shows it in Lines and on its conversations, and clears it with an empty name", async () => {
    const line = uniqueNumber();
    const body = receiveBody({ number: uniqueNumber(), sendblue_number: line, to_number: line });
    expect((await callWebhook("receive", body)).status).toBe(200);
    const { id } = await testDb().line.findUniqueOrThrow({ where: { number: line }, select: { id: true } });
    const res = await call(nameLineRoute, {
      method: "PATCH",
      bearer: bearer(),
      params: { id: String(id) },
      body: { name: "Support" },
    });
    expect(res.body.line).toEqual({ id, number: line, name: "Support" });
    expect((await listLines(testDb())).lines.find((l) => l.id === id)!.name).toBe("Support");
    const { conversationId } = await testDb().message.findUniqueOrThrow({
      where: { handle: body.message_handle },
      select: { conversationId: true },
    });
    expect((await getConversation(testDb(), conversationId))!.lineName).toBe("Support");

    await call(nameLineRoute, { method: "PATCH", bearer: bearer(), params: { id: String(id) }, body: { name: "  " } });
    expect((await testDb().line.findUniqueOrThrow({ where: { id } })).name).toBeNull();
    expect(
      (await call(nameLineRoute, { method: "PATCH", bearer: bearer(), params: { id: "999999" }, body: { name: "x" } }))
        .status,
    ).toBe(404);
  });
});
