import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as contactsRoute } from "@/app/api/contacts/route";
import { GET as conversationsRoute } from "@/app/api/conversations/route";
import { GET as messagesRoute } from "@/app/api/conversations/[id]/messages/route";
import { GET as linesRoute } from "@/app/api/lines/route";
import { GET as mediaRoute } from "@/app/api/media/[id]/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/users";
import { createBackup } from "@/lib/backup/create-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { readTargetState, RestoreRefusedError } from "@/lib/backup/target-state";
import { migrate, readMigrations } from "@/lib/db-tools/migrate";
import { counterKeys, readCounters } from "@/lib/read/counters";
import { runMediaBatch } from "@/lib/media/worker";
import { testServerUrl } from "@/tests/support/db";
import { callWebhook, receiveBody, statusBody, uniqueHandle, uniqueNumber } from "@/tests/support/webhooks";
import { startFakeStorage, type FakeStorage } from "../media/fake-storage-server";
import { useMirrorTestEnv } from "../media/mirror-env";
import { pointRoutesAt, scratchDatabase, type TestDatabase } from "./databases";
import { consistencyProblems } from "./consistency";

// The promise of `npm run backup` / `npm run restore`: a database filled the way the inbox
// fills one (webhooks: 1:1 and group messages, a tapback, statuses, a kept attachment; a
// member with an API token), backed up, restored into a new database, answers every read API
// exactly as before; and a backup taken while webhooks keep arriving restores consistent.

let fakeStorage: FakeStorage;
let source: TestDatabase;
const others: TestDatabase[] = [];
const archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-backup-"));
let memberToken = "";
let attachmentId = 0;

beforeAll(async () => {
  useMirrorTestEnv();
  fakeStorage = await startFakeStorage();
  source = await scratchDatabase({ migrated: true });
  pointRoutesAt(source);
  await fill();
});

afterAll(async () => {
  await fakeStorage?.close();
  for (const d of [source, ...others]) await d?.drop();
  fs.rmSync(archiveDir, { recursive: true, force: true });
});

async function post(type: string, body: Record<string, unknown>) {
  const res = await callWebhook(type, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function fill() {
  const line = uniqueNumber();
  const [ann, bob] = [uniqueNumber(), uniqueNumber()];
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString();
  await post(
    "receive",
    receiveBody({
      number: ann,
      sendblue_number: line,
      content: "Are we still on for dinner tonight?",
      date_sent: at(0),
    }),
  );
  const handle = uniqueHandle();
  for (const status of ["QUEUED", "SENT", "DELIVERED"]) {
    await post(
      "outbound",
      statusBody({
        number: ann,
        sendblue_number: line,
        message_handle: handle,
        status,
        content: "Yes, dinner at 7",
        date_updated: at(1),
      }),
    );
  }
  await post(
    "receive",
    receiveBody({ number: ann, sendblue_number: line, content: "Loved “Yes, dinner at 7”", date_sent: at(2) }),
  );
  const group = `grp-backup-${Date.now()}`;
  for (const [i, from] of [ann, bob].entries()) {
    await post(
      "receive",
      receiveBody({
        group_id: group,
        number: from,
        from_number: from,
        sendblue_number: line,
        participants: [ann, bob],
        content: `Group dinner idea ${i}`,
        date_sent: at(3 + i),
      }),
    );
  }
  const media = receiveBody({
    number: bob,
    sendblue_number: line,
    content: "the menu",
    media_url: fakeStorage.url(`/f/photo.jpg/${Date.now()}/menu.jpg`),
    date_sent: at(6),
  });
  await post("receive", media);
  const attachment = await source.db.mediaAttachment.findFirstOrThrow({
    where: { message: { handle: media.message_handle } },
  });
  attachmentId = attachment.id;
  expect(await runMediaBatch(source.db, { ids: [attachment.id] })).toMatchObject({ kept: 1 });
  await createUser(source.db, { email: "owner@example.com", password: "correct horse battery" });
  const member = await createUser(source.db, {
    email: "member@example.com",
    password: "correct horse battery",
    role: "member",
  });
  memberToken = (await createApiToken(source.db, member.id, "backup test")).token;
}

async function entryNames(file: string): Promise<string[]> {
  const extract = tar.extract();
  const names: string[] = [];
  extract.on("entry", (header, stream, next) => {
    names.push(header.name);
    stream.on("end", next).resume();
  });
  const done = new Promise<void>((resolve) => extract.on("finish", () => resolve()));
  extract.end(gunzipSync(fs.readFileSync(file)));
  await done;
  return names;
}

async function rowsIn(d: TestDatabase) {
  const client = await d.sql.connect();
  try {
    return (await readTargetState(client)).tablesWithRows;
  } finally {
    client.release();
  }
}

async function indexDefinitions(d: TestDatabase) {
  const { rows } = await d.sql.query(
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
  );
  return rows;
}

type Handler = (request: Request, segment: { params: Promise<any> }) => Promise<Response>;

/** A GET as the member's API token: status and JSON body, or the bytes for media. */
async function get(handler: Handler, url: string, params: object = {}) {
  const res = await handler(
    new Request(`http://inbox.test${url}`, { headers: { authorization: `Bearer ${memberToken}` } }),
    { params: Promise.resolve(params) },
  );
  const type = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    body: type.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer()).toString("base64"),
  };
}

/** Every read API answer a member gets, from the database the routes point at. */
async function everyAnswer(target: TestDatabase) {
  pointRoutesAt(target);
  const conversations = await get(conversationsRoute, "/api/conversations?limit=100");
  const threads = [];
  for (const c of conversations.body.conversations ?? []) {
    threads.push(await get(messagesRoute, `/api/conversations/${c.id}/messages?limit=100`, { id: String(c.id) }));
  }
  return {
    conversations,
    threads,
    contacts: await get(contactsRoute, "/api/contacts"),
    lines: await get(linesRoute, "/api/lines"),
    search: await get(searchRoute, "/api/search?q=dinner"),
    media: await get(mediaRoute, `/api/media/${attachmentId}?variant=original`, { id: String(attachmentId) }),
    thumb: await get(mediaRoute, `/api/media/${attachmentId}?variant=thumb`, { id: String(attachmentId) }),
  };
}

async function backUp(from: TestDatabase, name: string) {
  return createBackup({
    databaseUrl: from.url,
    out: path.join(archiveDir, name),
    media: { kind: "disk", root: from.mediaDir },
  });
}

async function newDatabase(migrated = false) {
  const d = await scratchDatabase({ migrated });
  others.push(d);
  return d;
}

describe("backup and restore", () => {
  it("a restored database answers every API call exactly as the original", async () => {
    const before = await everyAnswer(source);
    expect(before.conversations.body.conversations).toHaveLength(3);
    expect(before.threads.flatMap((t) => t.body.messages).length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(before.threads)).toContain("love");
    expect(before.search.body.results.length).toBeGreaterThan(0);
    expect(before.media.status).toBe(200);
    expect(before.thumb.status).toBe(200);

    const backup = await backUp(source, "full.tar.gz");
    expect(backup.manifest.media).toMatchObject({ storage: "disk", files: 2, missing: [] });
    expect(backup.manifest.tables.find((t) => t.name === "messages")?.rows).toBeGreaterThanOrEqual(5);

    const target = await newDatabase();
    const restored = await restoreBackup({ databaseUrl: target.url, file: backup.file, storage: target.storage });
    expect(restored.manifest.migrations.map((m) => m.name)).toEqual(backup.manifest.migrations.map((m) => m.name));
    expect(fs.readdirSync(path.join(target.mediaDir, `media/${attachmentId}`)).sort()).toEqual([
      "original",
      "thumb.jpg",
    ]);
    expect(await everyAnswer(target)).toEqual(before);
    expect(await consistencyProblems(target.db)).toEqual([]);
    // Indexes set aside for the load are all back, as the migrations made them.
    expect(await indexDefinitions(target)).toEqual(await indexDefinitions(source));
  });

  it("restores as a role that may not turn triggers off for its session, by disabling each table's own", async () => {
    const role = `backup_owner_${Date.now().toString(36)}`;
    const password = randomBytes(12).toString("hex");
    const admin = new pg.Client({ connectionString: testServerUrl() });
    await admin.connect();
    // A password: the embedded server (a newcomer's `npm test`) authenticates every role.
    await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`);
    try {
      const backup = await backUp(source, "as-owner.tar.gz");
      const target = await scratchDatabase({ migrated: false, owner: { role, password } });
      try {
        const restored = await restoreBackup({ databaseUrl: target.url, file: backup.file, storage: target.storage });
        expect(restored.triggerMode).toBe("disable-user-triggers");
        expect(await everyAnswer(target)).toEqual(await everyAnswer(source));
        expect(await consistencyProblems(target.db)).toEqual([]);
        // The triggers are on again: a new webhook moves the counters.
        pointRoutesAt(target);
        await post("receive", receiveBody({ content: "counted after the restore" }));
        expect(await consistencyProblems(target.db)).toEqual([]);
      } finally {
        await target.drop();
      }
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it("restores an archive of an older version at its version, then applies the migrations since", async () => {
    const migrations = (await readMigrations()).map((m) => m.name);
    const at = migrations.indexOf("20261202040000_sendblue_sync");
    const old = await newDatabase();
    await migrate(old.url, { until: migrations[at] });
    await old.sql.query(`
      INSERT INTO lines (number) VALUES ('+15550100001');
      INSERT INTO contacts (number) VALUES ('+15550100002');
      INSERT INTO conversations (key, kind, line_id, contact_number) VALUES ('direct:+15550100001:+15550100002', 'direct', 1, '+15550100002');
      INSERT INTO messages (handle, conversation_id, direction, content, status, sent_at)
        VALUES ('old-1', 1, 'inbound', 'from an older version', 'RECEIVED', now()), ('old-2', 1, 'outbound', 'a reply', 'SENT', now());`);
    const backup = await backUp(old, "older.tar.gz");
    expect(backup.manifest.migrations.map((m) => m.name)).toEqual(migrations.slice(0, at + 1));

    const target = await newDatabase();
    const restored = await restoreBackup({ databaseUrl: target.url, file: backup.file, storage: target.storage });
    expect(restored.upgradedWith).toEqual(migrations.slice(at + 1));
    expect(await target.db.message.findMany({ select: { handle: true }, orderBy: { id: "asc" } })).toEqual([
      { handle: "old-1" },
      { handle: "old-2" },
    ]);
    // The counters migration, applied after the load, counted the restored rows.
    const keys = [
      counterKeys.lineMessages(1, "inbound"),
      counterKeys.lineMessages(1, "outbound"),
      counterKeys.lineConversations(1),
    ];
    expect([...(await readCounters(target.db, keys)).values()]).toEqual([1, 1, 1]);
  });

  it("refuses a database that is not empty, and replaces it with --force", async () => {
    const backup = await backUp(source, "again.tar.gz");
    const migratedOnly = await newDatabase(true);
    const attempt = restoreBackup({
      databaseUrl: migratedOnly.url,
      file: backup.file,
      storage: migratedOnly.storage,
      where: "the test database",
    });
    await expect(attempt).rejects.toThrow(RestoreRefusedError);
    await expect(attempt).rejects.toThrow(
      /Refusing to restore into the test database: it is not empty \(\d+ migrations applied.*--force/,
    );

    pointRoutesAt(migratedOnly);
    await post("receive", receiveBody({ content: "a row that --force must remove" }));
    await expect(
      restoreBackup({ databaseUrl: migratedOnly.url, file: backup.file, storage: migratedOnly.storage }),
    ).rejects.toThrow(/it is not empty \(\d+ migrations applied, rows in /);
    await restoreBackup({
      databaseUrl: migratedOnly.url,
      file: backup.file,
      storage: migratedOnly.storage,
      force: true,
    });
    expect(await everyAnswer(migratedOnly)).toEqual(await everyAnswer(source));
  });

  it("with S3 storage the archive lists the media keys and holds no media file", async () => {
    const backup = await createBackup({
      databaseUrl: source.url,
      out: path.join(archiveDir, "s3.tar.gz"),
      media: { kind: "s3", bucket: "inbox-media" },
    });
    expect(backup.manifest.media).toEqual({
      storage: "s3",
      bucket: "inbox-media",
      keys: [`media/${attachmentId}/original`, `media/${attachmentId}/thumb.jpg`],
      files: 0,
      bytes: 0,
      missing: [],
    });
    const names = await entryNames(backup.file);
    expect(names.filter((n) => n.startsWith("media/"))).toEqual([]);
    expect(names[0]).toBe("manifest.json");
    const target = await newDatabase();
    await restoreBackup({ databaseUrl: target.url, file: backup.file, storage: null });
    expect(await target.db.mediaAttachment.findUniqueOrThrow({ where: { id: attachmentId } })).toMatchObject({
      mirrorState: "kept",
    });
  });

  it("a damaged archive restores nothing: the rows are loaded in one transaction", async () => {
    const backup = await backUp(source, "damaged.tar.gz");
    // Cut just before the first media file: every table's rows are in, the archive's end is not.
    const tarBytes = gunzipSync(fs.readFileSync(backup.file));
    let mediaHeader = 0;
    while (tarBytes.subarray(mediaHeader, mediaHeader + 6).toString() !== "media/") mediaHeader += 512;
    const damaged = path.join(archiveDir, "cut.tar.gz");
    fs.writeFileSync(damaged, gzipSync(tarBytes.subarray(0, mediaHeader - 1)));
    const target = await newDatabase();
    await expect(restoreBackup({ databaseUrl: target.url, file: damaged, storage: target.storage })).rejects.toThrow();
    // Nothing but what the migrations themselves insert (queued background tasks and the like).
    const fresh = await newDatabase(true);
    expect(await rowsIn(target)).toEqual(await rowsIn(fresh));
    expect(await rowsIn(target)).not.toContain("messages");
  });

  it("a backup taken while webhooks keep arriving restores to a consistent state", async () => {
    pointRoutesAt(source);
    const line = uniqueNumber();
    const contacts = Array.from({ length: 6 }, () => uniqueNumber());
    let posted = 0;
    let stop = false;
    const sender = async (k: number) => {
      while (!stop) {
        const n = posted++;
        const number = contacts[(n + k) % contacts.length]!;
        const body =
          n % 5 === 4
            ? statusBody({ number, sendblue_number: line, status: "DELIVERED", content: `reply ${n}` })
            : receiveBody({ number, sendblue_number: line, content: `concurrent message ${n}` });
        await post(n % 5 === 4 ? "outbound" : "receive", body);
      }
    };
    const senders = [0, 1, 2].map(sender);
    // Some acknowledged before the snapshot, more during the backup and after it.
    while (posted < 30) await new Promise((r) => setTimeout(r, 5));
    const backup = await backUp(source, "concurrent.tar.gz");
    const atEnd = posted;
    while (posted < atEnd + 10) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await Promise.all(senders);

    const target = await newDatabase();
    await restoreBackup({ databaseUrl: target.url, file: backup.file, storage: target.storage });
    const restored = await target.db.message.count({ where: { conversation: { line: { number: line } } } });
    expect(restored).toBeGreaterThanOrEqual(30 - 3);
    expect(restored).toBeLessThan(
      await source.db.message.count({ where: { conversation: { line: { number: line } } } }),
    );
    expect(await consistencyProblems(target.db)).toEqual([]);
    // The restored database takes new webhooks (sequences continue past the restored ids).
    pointRoutesAt(target);
    await post("receive", receiveBody({ number: contacts[0], sendblue_number: line, content: "after the restore" }));
    expect(await consistencyProblems(target.db)).toEqual([]);
  });
});
