"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Inbox" },
  { href: "/search", label: "Search" },
  { href: "/contacts", label: "Contacts" },
  { href: "/lines", label: "Lines" },
  { href: "/insights", label: "Insights" },
  { href: "/events", label: "Webhook log", short: "Log" },
  { href: "/settings", label: "Settings", short: "⚙" },
] as { href: string; label: string; short?: string }[];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex min-w-0 items-center overflow-x-auto sm:gap-0.5">
      {LINKS.map(({ href, label, short }) => {
        const current = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? "page" : undefined}
              aria-label={short ? label : undefined}
              className={`block rounded-md px-2 py-1.5 sm:px-2.5 text-sm whitespace-nowrap ${
                current
                  ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50"
                  : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
              }`}
            >
              {short ? (
                <>
                  <span className="sm:hidden">{short}</span>
                  <span className="hidden sm:inline">{label}</span>
                </>
              ) : (
                label
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
