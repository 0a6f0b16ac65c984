"use client";

import { useState } from "react";
import { sendJson } from "@/components/shell/api-client";
import { buttonClass, inputClass } from "@/components/shell/form-classes";
import { FormNotes, NewPasswordInput } from "@/components/shell/form-parts";

export function SetupForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    try {
      await sendJson("/api/auth/setup", "POST", {
        setupToken: form.get("setupToken"),
        email: form.get("email"),
        name: form.get("name") || undefined,
        password: form.get("password"),
      });
      window.location.assign("/");
    } catch (e) {
      setError((e as Error).message);
      setPending(false);
    }
  }
  return (
    <form action={submit} className="space-y-3">
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Setup token (from the server log)</span>
        <input name="setupToken" required autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />
      </label>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Your email</span>
        <input name="email" type="email" autoComplete="email" required className={inputClass} />
      </label>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Your name</span>
        <input name="name" autoComplete="name" className={inputClass} />
      </label>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Password (10+ characters)</span>
        <NewPasswordInput name="password" />
      </label>
      <FormNotes problem={error} />
      <button type="submit" disabled={pending} className={`${buttonClass} w-full`}>
        {pending ? "Creating…" : "Create the owner account"}
      </button>
    </form>
  );
}
