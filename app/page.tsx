import { Suspense } from "react";
import { currentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { repliesDisabledReason } from "@/lib/send/replies-disabled-reason";
import { env } from "@/lib/env";
import { Inbox } from "@/components/inbox/inbox";
import { BlockedLineBanner } from "@/components/shell/blocked-line-banner";

// The inbox. Everything live is client-side (SWR + the event stream); the server only
// hands over the line list for the filter, and only to a signed-in browser.

export default async function InboxPage() {
  const signedIn = (await currentUser()) !== null;
  // Only the filter depends on this; if the database is briefly away the inbox still
  // renders and its client-side fetches report the outage.
  const lines = signedIn
    ? await db()
        .line.findMany({ select: { number: true, name: true, blocked: true }, orderBy: { number: "asc" } })
        .catch(() => [])
    : [];
  return (
    <main className="flex min-h-0 flex-1 flex-col">
      {/* The list and thread carry the visual hierarchy; the page still needs a top heading for screen readers. */}
      <h1 className="sr-only">Inbox</h1>
      {signedIn ? <BlockedLineBanner inUseOnly dismissible /> : null}
      <Suspense>
        <Inbox lines={lines} webhookBase={env().PUBLIC_URL ?? null} sendingDisabledReason={repliesDisabledReason()} />
      </Suspense>
    </main>
  );
}
