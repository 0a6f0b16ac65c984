import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SetupForm } from "@/components/setup/setup-form";
import { hasAnyUser } from "@/lib/auth/setup-token";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Set up · Sendblue Inbox" };

// Only while no account exists; afterwards everyone signs in.
export default async function SetupPage() {
  await connection();
  if (await hasAnyUser(db())) redirect("/sign-in");
  return (
    <main className="flex flex-1 items-center justify-center overflow-y-auto p-4">
      <div className="w-full max-w-sm space-y-5 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <div className="space-y-1">
          <h1 className="text-lg font-semibold">Create the first account</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The server printed a one-time setup token in its log when it started (&ldquo;No accounts yet: open
            /setup…&rdquo;). Or run <code className="font-mono text-xs">npm run user:create</code> on the server
            instead.
          </p>
        </div>
        <SetupForm />
      </div>
    </main>
  );
}
