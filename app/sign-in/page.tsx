import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in/sign-in-form";
import { hasPageSession } from "@/lib/auth/page-session";
import { safeNextPath } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in · Sendblue Inbox" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(Array.isArray(rawNext) ? rawNext[0] : rawNext);
  const { INBOX_API_TOKEN: token, DATA_DIR } = env();
  const secretsFile = `${DATA_DIR.replace(/\/+$/, "")}/secrets.json`;
  if (await hasPageSession()) redirect(next);

  return (
    <main className="flex flex-1 items-center justify-center overflow-y-auto p-4">
      <div className="w-full max-w-sm space-y-6 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <div className="space-y-1">
          <h1 className="text-lg font-semibold">Sign in to your Sendblue inbox</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Paste the inbox&apos;s API token.</p>
        </div>
        <SignInForm next={next} />
        <div className="space-y-2 border-t border-zinc-200 pt-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <p className="font-medium text-zinc-800 dark:text-zinc-200">Where is the token?</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              Started with <code className="font-mono text-xs">npm start</code>: the <code className="font-mono text-xs">apiToken</code> value in{" "}
              <code className="font-mono text-xs">{secretsFile}</code> on the server.
            </li>
            <li>
              Deployed elsewhere: the <code className="font-mono text-xs">INBOX_API_TOKEN</code> environment variable you set.
            </li>
          </ul>
          {token ? null : (
            <p role="status" className="text-amber-700 dark:text-amber-400">
              This server has no INBOX_API_TOKEN yet: set one (at least 16 characters) and restart.
            </p>
          )}
        </div>
      </div>
    </main>
  );
}
