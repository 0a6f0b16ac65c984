import { afterAll, describe, expect, it } from "vitest";
import { completeSetup, getOrCreateSetupToken, hasAnyUser } from "@/lib/auth/setup-token";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db-tools/migrate";
import { env } from "@/lib/env";
import { createScratchDatabase } from "@/scripts/lib/database";

// Setup only makes sense on a database with no accounts: use a fresh one.
const server = new URL(env().DATABASE_URL!);
server.pathname = "/postgres";
const scratch = await createScratchDatabase(server.toString(), "inbox_setup");
await migrate(scratch.url);
const db = createDb(scratch.url, 2);
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

describe("one-time setup", () => {
  it("creates the first owner only with the logged token, once", async () => {
    expect(await hasAnyUser(db)).toBe(false);
    const token = await getOrCreateSetupToken(db);
    expect(await getOrCreateSetupToken(db)).toBe(token);
    await expect(
      completeSetup(db, { setupToken: "guess", email: "a@b.co", password: "long enough pw" }),
    ).rejects.toMatchObject({ status: 403 });
    // A typo in the form is answered and leaves the token usable.
    await expect(
      completeSetup(db, { setupToken: token, email: "not an email", password: "long enough pw" }),
    ).rejects.toMatchObject({
      status: 400,
      code: "invalid_email",
    });
    await expect(
      completeSetup(db, { setupToken: token, email: "first@b.co", password: "short" }),
    ).rejects.toMatchObject({
      status: 400,
      code: "weak_password",
    });
    expect(await getOrCreateSetupToken(db)).toBe(token);
    const results = await Promise.allSettled([
      completeSetup(db, { setupToken: token, email: "first@b.co", password: "long enough pw" }),
      completeSetup(db, { setupToken: token, email: "second@b.co", password: "long enough pw" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count()).toBe(1);
    expect((await db.user.findFirstOrThrow()).role).toBe("owner");
    await expect(
      completeSetup(db, { setupToken: token, email: "late@b.co", password: "long enough pw" }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
