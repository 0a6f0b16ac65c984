"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

// Registers public/sw.js (the offline page, Web Push, notification clicks) from every signed-in
// page, hands this browser's push subscription (if it has one) to the current sign-in, and
// follows the worker's "open this thread" when a notice is clicked while a window is open.

export function ServiceWorker({ vapidPublicKey }: { vapidPublicKey: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    // The subscription code loads only where a subscription can exist (notifications allowed).
    const allowed = typeof Notification !== "undefined" && Notification.permission === "granted";
    sw.register("/sw.js", { scope: "/" })
      .then(async () => allowed && (await import("./push-subscription")).syncPush(vapidPublicKey))
      .catch(() => {});
    const onMessage = (e: MessageEvent<{ type?: string; url?: string }>) => {
      // Same-origin paths only (the worker sends pathname + search).
      const url = e.data?.type === "open" ? e.data.url : undefined;
      if (typeof url === "string" && url.startsWith("/") && !url.startsWith("//")) router.push(url);
    };
    sw.addEventListener("message", onMessage);
    return () => sw.removeEventListener("message", onMessage);
  }, [router, vapidPublicKey]);
  return null;
}
