import { beforeAll, describe, expect, it } from "vitest";
import { GET as contactsExportGet } from "@/app/api/contacts/export/route";
import { authedGet } from "../support/api";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";
import { readCsv } from "./csv-parse";

// GET /api/contacts/export: the Contacts page's list for the same search, every page, as CSV.

const db = testDb();
const tag = `Exp${Math.random().toString(36).slice(2, 8)}`;
const MANY = 450;
let hostileNumber: string;
let conversationId: number;

const exportCsv = (query: string, token?: string | null) =>
  contactsExportGet(authedGet(`/api/contacts/export?${query}`, { token }), { params: Promise.resolve({}) });

beforeAll(async () => {
  const stamp = String(Date.now() % 1e6).padStart(6, "0");
  await db.contact.createMany({
    data: Array.from({ length: MANY }, (_, i) => ({
      number: `+1${stamp}${String(i).padStart(4, "0")}`,
      companyName: `${tag} ${i}`,
    })),
  });
  hostileNumber = uniqueNumber();
  await db.contact.create({
    data: {
      number: hostileNumber,
      firstName: "=cmd|' /C calc'!A0",
      lastName: `O"Brien, Jr.`,
      companyName: `${tag} hostile`,
      tags: ["vip", "@risk"],
    },
  });
  await callWebhook("receive", receiveBody({ number: hostileNumber, sendblue_number: uniqueNumber() }));
  await db.contact.update({ where: { number: hostileNumber }, data: { optedOut: true } });
  conversationId = (
    await db.conversation.findFirstOrThrow({ where: { contactNumber: hostileNumber }, select: { id: true } })
  ).id;
});

describe("contacts export", () => {
  it("writes every contact the search finds, newest first, over all pages", async () => {
    const res = await exportCsv(`q=${tag}&tz=Europe/Paris`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(`filename="contacts-${tag.toLowerCase()}-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
    );
    const rows = await readCsv(res);
    expect(rows[0]).toEqual([
      "Name",
      "Company",
      "Number",
      "Tags",
      "Opted out",
      "Verified",
      "Groups",
      "Conversations",
      "Last activity (Europe/Paris)",
      "Added (Europe/Paris)",
      "Link",
    ]);
    expect(rows).toHaveLength(MANY + 2);
    const [hostile, ...rest] = rows.slice(1);
    expect(hostile!.slice(0, 8)).toEqual([
      `'=cmd|' /C calc'!A0 O"Brien, Jr.`,
      `${tag} hostile`,
      `'${hostileNumber}`,
      "vip; @risk",
      "yes",
      "",
      "0",
      "1",
    ]);
    expect(hostile![8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(hostile![10]).toBe(`http://inbox.test/?c=${conversationId}`);
    expect(rest.map((r) => r[1])).toEqual(Array.from({ length: MANY }, (_, i) => `${tag} ${MANY - 1 - i}`));
    expect(rest[0]![8]).toBe(""); // no conversation yet
  });

  it("writes the whole list without q, and needs auth", async () => {
    const all = await readCsv(await exportCsv(""));
    expect(all.length).toBeGreaterThan(MANY + 1);
    expect((await exportCsv("", null)).status).toBe(401);
  });
});
