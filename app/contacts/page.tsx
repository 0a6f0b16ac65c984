import type { Metadata } from "next";
import { connection } from "next/server";
import Link from "next/link";
import { ContactList } from "@/components/contacts/contact-list";
import { ContactSearch } from "@/components/contacts/contact-search";
import { EmptyState } from "@/components/shell/empty-state";
import { ExportLink } from "@/components/shell/export-link";
import { PageFrame } from "@/components/shell/page-frame";
import { db } from "@/lib/db/client";
import { publicOrigin } from "@/lib/http/public-origin";
import { listContacts } from "@/lib/read/list-contacts";

export const metadata: Metadata = { title: "Contacts · Sendblue Inbox" };

export default async function ContactsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await connection(); // live data: never prerendered at build time
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 100) ?? "";
  const [initial, origin] = await Promise.all([listContacts(db(), { q: query }), publicOrigin()]);
  return (
    <PageFrame
      title="Contacts"
      description="Everyone who has texted your lines, with the names Sendblue sent in contact_created."
      actions={
        <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
          <ContactSearch initialQuery={query} />
          {initial.contacts.length ? (
            <ExportLink path="/api/contacts/export" query={query ? `q=${encodeURIComponent(query)}` : ""} />
          ) : null}
        </div>
      }
    >
      {initial.contacts.length ? (
        <ContactList key={query} query={query} initial={initial} />
      ) : query ? (
        <EmptyState title={`No contact matches “${query}”`}>
          <p>Search looks at first name, last name, company and phone number (any format, e.g. (512) 216-4639).</p>
        </EmptyState>
      ) : (
        <EmptyState title="No contacts yet">
          <p>
            Contacts appear when someone texts one of your lines, or when Sendblue posts a new contact to{" "}
            <code className="font-mono text-xs break-all text-zinc-800 dark:text-zinc-200">
              {origin}/api/webhooks/contact_created
            </code>
            .
          </p>
          <p>
            The{" "}
            <Link href="/events" className="font-medium underline underline-offset-2">
              webhook log
            </Link>{" "}
            lists every URL to paste into Sendblue&apos;s dashboard.
          </p>
        </EmptyState>
      )}
    </PageFrame>
  );
}
