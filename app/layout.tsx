import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { ServiceWorker } from "@/components/notifications/service-worker";
import { SkipLinks } from "@/components/shell/skip-link";
import { TopNav } from "@/components/shell/top-nav";
import { themeScript } from "@/components/shell/theme-script";
import { currentUser } from "@/lib/auth/current-user";
import { vapidConfig } from "@/lib/notifications/vapid";
import "./globals.css";

export const metadata: Metadata = { title: "Sendblue Inbox", description: "Self-hosted inbox for Sendblue" };

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const signedIn = (await currentUser()) !== null;
  // proxy.ts puts this request's CSP nonce here; the one inline script must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The inline script sets the theme class before React hydrates, hence the warning opt-out.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant script (theme-script.ts), nonce'd for the CSP */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="flex h-dvh flex-col font-sans antialiased">
        <SkipLinks />
        <TopNav signedIn={signedIn} />
        {signedIn ? <ServiceWorker vapidPublicKey={vapidConfig()?.publicKey ?? null} /> : null}
        {children}
      </body>
    </html>
  );
}
