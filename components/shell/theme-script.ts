// Runs inline in <head> before first paint so a dark-mode viewer never sees a white flash.
// Kept tiny and dependency-free; theme-toggle.tsx writes the same storage key.

export const THEME_STORAGE_KEY = "inbox-theme";

export const themeScript = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
