"use client";

// The first Tab on every page: past the navigation, to the page's own content. Hidden
// until focused. It moves focus itself, since focus should land inside the page, not just
// scroll to it. A page can add its own links after it (the inbox's "Skip to reply") by
// portalling them into SKIP_LINKS_ID.

export const SKIP_LINKS_ID = "skip-links";

export const SKIP_LINK_CLASS =
  "sr-only rounded-md bg-blue-600 px-3 py-2 text-sm font-semibold text-white outline-none focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus-visible:ring-2 focus-visible:ring-blue-300";

export function SkipLinks() {
  return (
    <div id={SKIP_LINKS_ID}>
      <a
        href="#main"
        onClick={(e) => {
          const main = document.querySelector<HTMLElement>("main");
          if (!main) return;
          e.preventDefault();
          if (!main.hasAttribute("tabindex")) main.tabIndex = -1;
          main.focus();
        }}
        className={SKIP_LINK_CLASS}
      >
        Skip to main content
      </a>
    </div>
  );
}
