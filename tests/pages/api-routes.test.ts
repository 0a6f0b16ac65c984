import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getContacts } from "@/app/api/contacts/route";
import { GET as getLines } from "@/app/api/lines/route";
import { env } from "@/lib/env";
import { callWebhook, uniqueNumber } from "../support/webhooks";

const noParams = { params: Promise.resolve({}) };
const authed = (path: string) =>
  new Request(`http://inbox.test${path}`, { headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` } });

describe("GET /api/contacts and /api/lines", () => {
  it("answer 401 without a token", async () => {
    for (const handler of [getContacts, getLines]) {
      const res = await handler(new Request("http://inbox.test/api/x"), noParams);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("search contacts with q and reject a bad cursor or limit", async () => {
    const last = `Api${randomUUID().slice(0, 8)}`;
    const number = uniqueNumber();
    await callWebhook("contact_created", { phone: number, first_name: "Rest", last_name: last });
    const res = await getContacts(authed(`/api/contacts?q=${last}`), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ contacts: [{ number, name: `Rest ${last}` }], nextCursor: null });
    expect((await getContacts(authed("/api/contacts?cursor=zzz"), noParams)).status).toBe(400);
    expect((await getContacts(authed("/api/contacts?limit=0"), noParams)).status).toBe(400);
  });

  it("list lines with the refused-webhook count", async () => {
    const line = uniqueNumber();
    await callWebhook("line_blocked", { sendblue_number: line });
    const res = await getLines(authed("/api/lines"), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      lines: { number: string; blocked: boolean }[];
      unauthorizedWebhooks: { count: number };
    };
    expect(body.lines.find((l) => l.number === line)).toMatchObject({ blocked: true });
    expect(typeof body.unauthorizedWebhooks.count).toBe("number");
  });
});
