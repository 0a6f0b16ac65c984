"use client";

import { useState } from "react";
import { cardClass, quietButtonClass, sendJson } from "./send-json";

export function SignOutEverywhere() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setPending(true);
    try {
      await sendJson("/api/auth/sign-out", "POST", { everywhere: true });
      window.location.assign("/sign-in");
    } catch (e) {
      setError((e as Error).message);
      setPending(false);
    }
  }
  return (
    <section className={cardClass} aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="font-medium">Devices</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Signs you out on every browser and device, this one included.</p>
      <button type="button" onClick={run} disabled={pending} className={quietButtonClass}>
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
      {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
    </section>
  );
}
