"use client";

import { useState } from "react";
import { mutate } from "swr";
import { NOTIFY_PREFERENCE_LABELS, NOTIFY_PREFERENCES, type NotifyPreference } from "@/lib/notifications/should-notify";
import { sendJson } from "@/components/shell/api-client";
import { cardClass } from "@/components/shell/form-classes";
import { ThisBrowserNotifications } from "./this-browser-notifications";

// Settings → Notifications: which new messages and mentions notify you (saved for you, on
// every device), then this browser's side: permission, Web Push, installing the app.

export function NotificationSettings({
  initial,
  vapidPublicKey,
}: {
  initial: NotifyPreference;
  vapidPublicKey: string | null;
}) {
  const [preference, setPreference] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function choose(next: NotifyPreference) {
    const before = preference;
    setPreference(next);
    setPending(true);
    setError(null);
    try {
      await sendJson("/api/me", "PATCH", { notifications: next });
      // The inbox's tab notifications read the preference from /api/me.
      void mutate("/api/me");
    } catch (e) {
      setPreference(before);
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }
  return (
    <section className={cardClass} aria-labelledby="notifications-heading" data-testid="notification-settings">
      <div className="space-y-1">
        <h2 id="notifications-heading" className="font-medium">
          Notifications
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          A notice with the contact&apos;s name and the message when the inbox is in a background tab, or closed with
          push on. Clicking it opens the conversation.
        </p>
      </div>
      <fieldset className="space-y-2" disabled={pending}>
        <legend className="mb-2 text-sm font-medium">Notify me about</legend>
        {NOTIFY_PREFERENCES.map((value) => (
          <label
            key={value}
            className="flex cursor-pointer items-start gap-3 rounded-lg border border-zinc-200 px-3 py-2 text-sm has-[:checked]:border-blue-500 has-[:checked]:bg-blue-50/60 dark:border-zinc-800 dark:has-[:checked]:border-blue-400 dark:has-[:checked]:bg-blue-950/30"
          >
            <input
              type="radio"
              name="notifications"
              value={value}
              checked={preference === value}
              onChange={() => void choose(value)}
              className="mt-0.5 h-4 w-4 accent-blue-600"
            />
            <span>
              <span className="font-medium">{NOTIFY_PREFERENCE_LABELS[value].label}</span>
              <span className="block text-zinc-600 dark:text-zinc-400">{NOTIFY_PREFERENCE_LABELS[value].detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <ThisBrowserNotifications vapidPublicKey={vapidPublicKey} off={preference === "off"} />
    </section>
  );
}
