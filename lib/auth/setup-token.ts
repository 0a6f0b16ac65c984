import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { secretsMatch } from "./secrets";
import { insertUser, prepareUser } from "./users";

// While no account exists, the first one can be created on /setup with a one-time token
// printed in the server log. It lives in the database so every server instance agrees.

const KEY = "setup_token";

export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) !== null;
}

export async function getOrCreateSetupToken(db: Db): Promise<string> {
  await db.appSetting.createMany({
    data: [{ key: KEY, value: randomBytes(18).toString("base64url") }],
    skipDuplicates: true,
  });
  return (await db.appSetting.findUniqueOrThrow({ where: { key: KEY } })).value;
}

/**
 * Creates the first owner. Everything that can be wrong with the form is checked before the
 * token is touched, so a typo does not use it up; the token is then consumed and the owner
 * created in one transaction, so a failure leaves the token in place and two racing setups
 * cannot both succeed (the second finds the token row gone once the first commits).
 */
export async function completeSetup(
  db: Db,
  input: { setupToken: string; email: string; password: string; name?: string | null },
) {
  if (await hasAnyUser(db)) throw new ApiError(409, "already_set_up", "An account already exists; sign in instead");
  const stored = await db.appSetting.findUnique({ where: { key: KEY } });
  if (!stored || !secretsMatch(input.setupToken.trim(), stored.value)) {
    throw new ApiError(403, "wrong_setup_token", "That setup token is not the one in the server log");
  }
  const owner = await prepareUser({ ...input, role: "owner" });
  return db.$transaction(async (tx) => {
    const consumed = await tx.appSetting.deleteMany({ where: { key: KEY, value: stored.value } });
    if (!consumed.count) throw new ApiError(409, "already_set_up", "Setup was just completed; sign in instead");
    return insertUser(tx, owner);
  });
}
