import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in/sign-in-form";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { hasAnyUser } from "@/lib/auth/setup-token";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Sign in · Sendblue Inbox" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(Array.isArray(rawNext) ? rawNext[0] : rawNext);
  if ((await currentUser()) !== null) redirect(next);
  const firstRun = !(await hasAnyUser(db()));

  return (
    <main className="flex flex-1 items-center justify-center overflow-y-auto p-4">
      <div className="w-full max-w-sm space-y-6 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <div className="space-y-1">
          <h1 className="text-lg font-semibold">Sign in to your Sendblue inbox</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">With your team account.</p>
        </div>
        {firstRun ? (
          <p
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
          >
            No account exists yet.{" "}
            <Link href="/setup" className="font-medium underline">
              Create the first one
            </Link>{" "}
            with the setup token from the server log, or run{" "}
            <code className="font-mono text-xs">npm run user:create</code> on the server.
          </p>
        ) : null}
        <SignInForm next={next} />
        <p className="border-t border-zinc-200 pt-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          Forgot your password? Ask an owner of this inbox: under Settings → Team, “Set password” gives you a new one.
        </p>
      </div>
    </main>
  );
}
