"use client";

import { useState } from "react";
import { revokedText, type RevokedCounts } from "./revoked-text";
import { sendJson } from "@/components/shell/api-client";
import { buttonClass, cardClass, inputClass } from "@/components/shell/form-classes";
import { Field, FormNotes, NewPasswordInput } from "@/components/shell/form-parts";

export function PasswordForm() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    setPending(true);
    setMessage(null);
    try {
      const { revoked } = await sendJson<{ revoked: RevokedCounts }>("/api/me/password", "POST", {
        current: form.get("current"),
        next: form.get("next"),
      });
      setMessage({ ok: true, text: `Password changed: ${revokedText(revoked, "other session")}.` });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <section className={cardClass} aria-labelledby="password-heading">
      <h2 id="password-heading" className="font-medium">
        Password
      </h2>
      <form action={submit} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <Field label="Current password">
          <input name="current" type="password" autoComplete="current-password" required className={inputClass} />
        </Field>
        <Field label="New password">
          <NewPasswordInput name="next" />
        </Field>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : "Change password"}
        </button>
      </form>
      <FormNotes problem={message?.ok ? null : message?.text} done={message?.ok ? message.text : null} />
    </section>
  );
}
