// `npm run user:create -- --email you@example.com [--name "You"] [--role owner|member]`
// Creates a team member. The password is read from standard input (piped), or asked for
// without echo on a terminal. The first account is always an owner.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { hasAnyUser } from "@/lib/auth/setup-token";
import { createUser } from "@/lib/auth/users";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db-tools/migrate";
import { EnvError } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { openAppDatabase } from "./lib/database";

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      rl.question(q, (answer) => {
        process.stdout.write("\n");
        resolve(answer);
      });
      muted = true;
    });
  const first = await ask("Password: ");
  const second = await ask("Again: ");
  rl.close();
  if (first !== second) throw new Error("The passwords differ");
  return first;
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
  });
  if (!values.email)
    throw new Error('Usage: npm run user:create -- --email you@example.com [--name "You"] [--role owner|member]');
  const role = values.role === "owner" || values.role === "member" ? values.role : undefined;
  const database = await openAppDatabase((line) => console.log(`[user:create] ${line}`));
  const db = createDb(database.url, 1);
  try {
    await migrate(database.url);
    const password = await readPassword();
    const first = !(await hasAnyUser(db));
    const user = await createUser(db, {
      email: values.email,
      password,
      name: values.name,
      role: first ? "owner" : (role ?? "member"),
    });
    console.log(`[user:create] created ${user.role} ${user.email} (id ${user.id})`);
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof EnvError || error instanceof ApiError ? error.message : (error as Error).message;
  console.error(`[user:create] ${message}`);
  process.exit(1);
});
