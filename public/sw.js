// Sendblue Inbox's service worker: the "offline" page, Web Push, and notification clicks.
// Nothing else is cached: pages and API answers hold private messages and need a sign-in,
// so they always come from the server (a failed navigation gets the offline page instead).
// Registered from every signed-in page (components/notifications/service-worker.tsx).

const CACHE = "inbox-shell-v1";
const OFFLINE_URL = "/offline.html";
const SHELL = [OFFLINE_URL, "/icons/icon-192.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      // Pages load while the worker starts up, not after it.
      await self.registration.navigationPreload?.enable();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(
      (async () => {
        try {
          return (await event.preloadResponse) || (await fetch(request));
        } catch {
          return (await caches.match(OFFLINE_URL)) || Response.error();
        }
      })(),
    );
    return;
  }
  const url = new URL(request.url);
  if (url.origin === self.location.origin && SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});

// A push from the server (lib/notifications/push-send.ts): { title, body, url, tag }. Not
// shown while an inbox window is in front (the member is looking at it already).
self.addEventListener("push", (event) => {
  let notice;
  try {
    notice = event.data ? event.data.json() : null;
  } catch {
    notice = null;
  }
  if (!notice || typeof notice.title !== "string") return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      if (windows.some((w) => w.visibilityState === "visible" && w.focused)) return;
      await self.registration.showNotification(notice.title, {
        body: notice.body || "",
        tag: notice.tag,
        icon: "/icons/icon-192.png",
        badge: "/icons/icon-192.png",
        data: { url: notice.url },
      });
    })(),
  );
});

// Opens the thread: in an inbox window already open (brought to the front; the page routes
// itself, components/notifications/service-worker.tsx), else in a new one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || "/", self.location.origin);
  // Only our own pages: a notice never sends anyone elsewhere.
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find(
        (w) => new URL(w.url).origin === self.location.origin && new URL(w.url).pathname !== "/offline.html",
      );
      if (!open) return self.clients.openWindow(target.href);
      open.postMessage({ type: "open", url: target.pathname + target.search });
      return open.focus();
    })(),
  );
});
