import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listContacts } from "@/lib/read/list-contacts";
import { testDb } from "../support/db";
import { callWebhook, receiveBody, uniqueNumber } from "../support/webhooks";

// A surname no other test uses, so searches see only this file's contacts.
const surname = () => `Zq${randomUUID().slice(0, 8)}`;

describe("listContacts", () => {
  it("finds a contact_created contact by name, by full name and by number, with its threads", async () => {
    const number = uniqueNumber();
    const last = surname();
    expect((await callWebhook("contact_created", { phone: number, first_name: "Ada", last_name: last })).status).toBe(
      200,
    );
    const line = uniqueNumber();
    await callWebhook("receive", receiveBody({ number, sendblue_number: line }));

    const db = testDb();
    const byName = await listContacts(db, { q: last.toLowerCase() });
    expect(byName.contacts).toHaveLength(1);
    expect(byName.contacts[0]).toMatchObject({ number, name: `Ada ${last}` });
    expect(byName.contacts[0]!.conversations).toEqual([expect.objectContaining({ line })]);

    expect((await listContacts(db, { q: `ada ${last}` })).contacts.map((c) => c.number)).toEqual([number]);
    expect((await listContacts(db, { q: `bob ${last}` })).contacts).toEqual([]);

    const digits = number.slice(2); // without "+1"
    const formatted = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
    expect((await listContacts(db, { q: formatted })).contacts.map((c) => c.number)).toEqual([number]);
  });

  it("lists contacts known only from conversations, unnamed", async () => {
    const number = uniqueNumber();
    await callWebhook("receive", receiveBody({ number }));
    const { contacts } = await listContacts(testDb(), { q: number });
    expect(contacts).toEqual([expect.objectContaining({ number, name: null, groupCount: 0 })]);
  });

  it("treats LIKE wildcards in the query as plain characters", async () => {
    const last = surname();
    await callWebhook("contact_created", { phone: uniqueNumber(), first_name: "Percent", last_name: last });
    expect((await listContacts(testDb(), { q: `${last}%` })).contacts).toEqual([]);
    expect((await listContacts(testDb(), { q: `${last.slice(0, 3)}_` })).contacts).toEqual([]);
  });

  it("pages newest first with a keyset cursor, no row twice", async () => {
    const last = surname();
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const number = uniqueNumber();
      numbers.push(number);
      await callWebhook("contact_created", { phone: number, first_name: `P${i}`, last_name: last });
    }
    const db = testDb();
    const first = await listContacts(db, { q: last, limit: 2 });
    const second = await listContacts(db, { q: last, limit: 2, cursor: first.nextCursor });
    const third = await listContacts(db, { q: last, limit: 2, cursor: second.nextCursor });
    expect(third.nextCursor).toBeNull();
    const seen = [...first.contacts, ...second.contacts, ...third.contacts].map((c) => c.number);
    expect(seen).toEqual([...numbers].reverse());
  });

  it("rejects a cursor it did not issue", async () => {
    await expect(listContacts(testDb(), { cursor: "nope" })).rejects.toMatchObject({
      status: 400,
      code: "invalid_cursor",
    });
  });
});
