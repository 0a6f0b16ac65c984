import type { ReactNode } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { inputClass } from "./form-classes";

// The pieces settings forms share; their classes are in form-classes.ts.

/** A labelled field: the label's words above the control it wraps. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="space-y-1 text-sm">
      <span className="font-medium">{label}</span>
      {children}
    </label>
  );
}

/** A new password: the browser holds back one shorter than the server accepts. */
export function NewPasswordInput({ name, autoFocus }: { name: string; autoFocus?: boolean }) {
  return (
    <input
      name={name}
      type="password"
      autoComplete="new-password"
      minLength={MIN_PASSWORD_LENGTH}
      required
      autoFocus={autoFocus}
      className={inputClass}
    />
  );
}

/** What a form's last action came to: the problem (an alert) or what was done (a status). */
export function FormNotes({ problem, done }: { problem?: string | null; done?: string | null }) {
  return (
    <>
      {problem ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          {done}
        </p>
      ) : null}
    </>
  );
}
