import { signOutAction } from "@/app/sign-in/actions";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";

/** The compact bar above every page; signed-out viewers only get the name and the theme toggle. */
export function TopNav({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="shrink-0 border-b border-zinc-200 bg-white/95 dark:border-zinc-800 dark:bg-zinc-950/95">
      <nav aria-label="Main" className="flex h-12 items-center gap-3 px-3">
        <span className="flex shrink-0 items-center gap-2 text-sm font-semibold">
          <span aria-hidden="true" className="size-2.5 rounded-full bg-blue-600 dark:bg-blue-400" />
          <span className="hidden sm:inline">Sendblue Inbox</span>
        </span>
        {signedIn ? <NavLinks /> : null}
        <div className="ml-auto flex shrink-0 items-center gap-1">
          <ThemeToggle />
          {signedIn ? (
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md px-2.5 py-1.5 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
              >
                Sign out
              </button>
            </form>
          ) : null}
        </div>
      </nav>
    </header>
  );
}
