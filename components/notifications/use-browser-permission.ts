"use client";

import { useEffect, useState } from "react";

// Whether this browser lets the inbox show notifications, kept current when the member
// changes it in the browser's site settings. "unsupported": no Notification API at all.

export type BrowserPermission = NotificationPermission | "unsupported" | "unknown";

export function useBrowserPermission(): [BrowserPermission, () => Promise<void>] {
  const [permission, setPermission] = useState<BrowserPermission>("unknown");
  useEffect(() => {
    if (typeof Notification === "undefined") return setPermission("unsupported");
    setPermission(Notification.permission);
    let status: PermissionStatus | undefined;
    const update = () => setPermission(Notification.permission);
    void navigator.permissions
      ?.query({ name: "notifications" })
      .then((s) => {
        status = s;
        update();
        s.addEventListener("change", update);
      })
      .catch(() => {});
    return () => status?.removeEventListener("change", update);
  }, []);
  const ask = async () => setPermission(await Notification.requestPermission());
  return [permission, ask];
}
