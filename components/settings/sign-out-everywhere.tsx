"use client";

import { useState } from "react";
import { revokedText, type RevokedCounts } from "./revoked-text";
import { pageLeadsToSignIn, sendJson } from "@/components/shell/api-client";
import { cardClass, quietButtonClass } from "@/components/shell/form-classes";
import { FormNotes } from "@/components/shell/form-parts";

export function SignOutEverywhere() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function run() {
    setPending(true);
    try {
      const { revoked } = await sendJson<{ revoked: RevokedCounts }>("/api/auth/sign-out", "POST", {
        everywhere: true,
      });
      pageLeadsToSignIn();
      setDone(`Done: ${revokedText(revoked)}. Taking you to sign-in…`);
      setTimeout(() => window.location.assign("/sign-in"), 2500);
    } catch (e) {
      setError((e as Error).message);
      setPending(false);
    }
  }
  return (
    <section className={cardClass} aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="font-medium">
        Devices
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Signs you out on every browser and device, this one included, and revokes your API tokens.
      </p>
      <button type="button" onClick={run} disabled={pending} className={quietButtonClass}>
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
      <FormNotes problem={error} done={done} />
    </section>
  );
}
