import type { NotificationContent } from "@/lib/notifications/notification-content";

// Shows one notice from the page. A plain Notification where the browser allows one (its
// click brings this tab forward at the thread); where only a service worker may show them
// (Chrome on Android), the worker's notificationclick (public/sw.js) opens the thread.

export const NOTIFICATION_ICON = "/icons/icon-192.png";

export function showNotification(content: NotificationContent, open: (url: string) => void): void {
  const options = { body: content.body, tag: content.tag, icon: NOTIFICATION_ICON, data: { url: content.url } };
  try {
    const n = new Notification(content.title, options);
    n.onclick = () => {
      window.focus();
      open(content.url);
      n.close();
    };
  } catch {
    void navigator.serviceWorker?.ready
      .then((registration) => registration.showNotification(content.title, options))
      .catch(() => {});
  }
}

/** Whether this browser gets Web Push from the inbox: then the push shows the notice, not the tab. */
export async function pushReachesThisBrowser(): Promise<boolean> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    return Boolean(await registration?.pushManager?.getSubscription());
  } catch {
    return false;
  }
}
