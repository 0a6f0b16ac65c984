import { signOutAction } from "@/app/sign-in/actions";
import { MentionsBadge } from "./mentions-badge";
import { NavLinks } from "./nav-links";
import { SignOutForm } from "./sign-out-form";
import { ThemeToggle } from "./theme-toggle";

/** The compact bar above every page; signed-out viewers only get the name and the theme toggle. */
export function TopNav({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="shrink-0 border-b border-zinc-200 bg-white/95 dark:border-zinc-800 dark:bg-zinc-950/95">
      <nav aria-label="Main" className="flex h-12 items-center gap-1 px-2 sm:gap-3 sm:px-3">
        <span
          className={`${signedIn ? "hidden sm:flex" : "flex"} shrink-0 items-center gap-2 px-1 text-sm font-semibold`}
        >
          <span aria-hidden="true" className="size-2.5 rounded-full bg-blue-600 dark:bg-blue-400" />
          Sendblue Inbox
        </span>
        {signedIn ? <NavLinks /> : null}
        <div className="ml-auto flex shrink-0 items-center gap-1">
          {signedIn ? <MentionsBadge /> : null}
          <ThemeToggle />
          {signedIn ? (
            <SignOutForm action={signOutAction}>
              <button
                type="submit"
                aria-label="Sign out"
                className="inline-flex h-8 items-center rounded-md px-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 sm:px-2.5 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
              >
                <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4 sm:hidden">
                  <path
                    fillRule="evenodd"
                    d="M3 4.25A2.25 2.25 0 0 1 5.25 2h5.5A2.25 2.25 0 0 1 13 4.25v2a.75.75 0 0 1-1.5 0v-2a.75.75 0 0 0-.75-.75h-5.5a.75.75 0 0 0-.75.75v11.5c0 .414.336.75.75.75h5.5a.75.75 0 0 0 .75-.75v-2a.75.75 0 0 1 1.5 0v2A2.25 2.25 0 0 1 10.75 18h-5.5A2.25 2.25 0 0 1 3 15.75V4.25Z"
                    clipRule="evenodd"
                  />
                  <path
                    fillRule="evenodd"
                    d="M19 10a.75.75 0 0 0-.75-.75H8.704l1.048-.943a.75.75 0 1 0-1.004-1.114l-2.5 2.25a.75.75 0 0 0 0 1.114l2.5 2.25a.75.75 0 1 0 1.004-1.114l-1.048-.943h9.546A.75.75 0 0 0 19 10Z"
                    clipRule="evenodd"
                  />
                </svg>
                <span className="hidden sm:inline">Sign out</span>
              </button>
            </SignOutForm>
          ) : null}
        </div>
      </nav>
    </header>
  );
}
