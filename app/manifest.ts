import type { MetadataRoute } from "next";

// The web app manifest (/manifest.webmanifest): the inbox installs as an app with its own
// window. The icons are app/icon.svg and PNGs drawn from it once (scripts/render-app-icons.ts).
// A manifest has one theme colour; the pages' theme-color meta tags (app/layout.tsx) give the
// window light and dark ones.

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Sendblue Inbox",
    short_name: "Inbox",
    description: "Self-hosted inbox for Sendblue",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#2563eb",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
