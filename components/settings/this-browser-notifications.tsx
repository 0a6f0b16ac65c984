"use client";

import { useEffect, useState } from "react";
import {
  currentPushSubscription,
  disablePush,
  enablePush,
  pushSupported,
} from "@/components/notifications/push-subscription";
import { useBrowserPermission } from "@/components/notifications/use-browser-permission";
import { useInstallPrompt } from "@/components/notifications/use-install-prompt";
import { quietButtonClass } from "@/components/shell/form-classes";

// This browser's part of notifications: the permission (asked only when the member clicks),
// Web Push to a closed inbox (when the server has VAPID keys), and installing the app.

const muted = "text-sm text-zinc-600 dark:text-zinc-400";

export function ThisBrowserNotifications({ vapidPublicKey, off }: { vapidPublicKey: string | null; off: boolean }) {
  const [permission, ask] = useBrowserPermission();
  // null until the browser has been asked (the server cannot know).
  const [push, setPush] = useState<boolean | "unsupported" | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { installed, install } = useInstallPrompt();
  useEffect(() => {
    if (!pushSupported()) return setPush("unsupported");
    void currentPushSubscription().then(
      (s) => setPush(Boolean(s)),
      () => setPush(false),
    );
  }, []);

  async function togglePush(on: boolean) {
    setPending(true);
    setError(null);
    try {
      if (on) await enablePush(vapidPublicKey!);
      else await disablePush();
      setPush(on);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div
      className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800"
      data-testid="this-browser-notifications"
    >
      <h3 className="text-sm font-medium">This browser</h3>
      {permission === "granted" ? (
        <p className={muted} data-testid="notification-permission">
          Notifications are allowed here{off ? ", but you turned them off above" : ""}.
        </p>
      ) : permission === "denied" ? (
        <p className={muted} data-testid="notification-permission">
          Notifications are blocked for this site. Allow them in the browser&apos;s site settings (the icon beside the
          address).
        </p>
      ) : permission === "unsupported" ? (
        <p className={muted} data-testid="notification-permission">
          This browser cannot show notifications.
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={() => void ask()}
            className={quietButtonClass}
            disabled={permission === "unknown"}
          >
            Allow notifications
          </button>
          <span className={muted}>The browser asks you once.</span>
        </div>
      )}
      {!vapidPublicKey ? (
        <p className={muted}>
          Push to a closed inbox is off on this server: it has no VAPID keys (see the README,
          &ldquo;Notifications&rdquo;).
        </p>
      ) : push === "unsupported" ? (
        <p className={muted}>This browser cannot receive push notifications.</p>
      ) : (
        <label className="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            checked={push === true}
            disabled={pending || push === null || permission === "denied"}
            onChange={(e) => void togglePush(e.target.checked)}
            className="mt-0.5 h-4 w-4 accent-blue-600"
            data-testid="push-toggle"
          />
          <span>
            <span className="font-medium">Also when the inbox is closed</span>
            <span className="block text-zinc-600 dark:text-zinc-400">
              Web Push to this device while you stay signed in here; the notice is encrypted on its way.
            </span>
          </span>
        </label>
      )}
      <p className={muted}>
        {installed
          ? "The inbox is running as an installed app."
          : "Install the inbox as an app for its own window and icon"}
        {!installed && install ? (
          <>
            {": "}
            <button type="button" onClick={() => void install()} className={`${quietButtonClass} ml-1`}>
              Install app
            </button>
          </>
        ) : !installed ? (
          ": your browser's menu has Install app (or Add to Home Screen on a phone)."
        ) : null}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
