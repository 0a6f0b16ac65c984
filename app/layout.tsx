import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = { title: "Sendblue Inbox", description: "Self-hosted inbox for Sendblue" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="font-sans antialiased">{children}</body>
    </html>
  );
}
