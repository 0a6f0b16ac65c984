"use client";

import { useState } from "react";
import useSWR from "swr";
import type { listUsers } from "@/lib/auth/users";
import type { Jsonify } from "@/lib/http/jsonify";
import { revokedText, type RevokedCounts } from "./revoked-text";
import { getJson, sendJson } from "@/components/shell/api-client";
import { buttonClass, cardClass, inputClass, quietButtonClass } from "@/components/shell/form-classes";
import { Field, FormNotes, NewPasswordInput } from "@/components/shell/form-parts";

type Members = { members: Jsonify<Awaited<ReturnType<typeof listUsers>>> };

export function TeamMembers({ meId, isOwner }: { meId: number; isOwner: boolean }) {
  const { data, mutate } = useSWR<Members>("/api/members", getJson);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<number | null>(null);

  async function act<T>(run: () => Promise<T>, done?: (result: T) => string) {
    setProblem(null);
    setNotice(null);
    try {
      const result = await run();
      await mutate();
      if (done) setNotice(done(result));
      return true;
    } catch (e) {
      setProblem((e as Error).message);
      return false;
    }
  }

  return (
    <section className={cardClass} aria-labelledby="team-heading">
      <h2 id="team-heading" className="font-medium">
        Team
      </h2>
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        {data?.members.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <span className="font-medium">{m.name || m.email}</span>{" "}
              <span className="text-zinc-500 dark:text-zinc-400">
                {m.name ? m.email : ""} · {m.role}
              </span>
              {m.disabledAt ? (
                <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs dark:bg-zinc-800">disabled</span>
              ) : null}
            </span>
            {isOwner && m.id !== meId ? (
              <span className="flex gap-2">
                <button
                  type="button"
                  className={quietButtonClass}
                  aria-expanded={resetting === m.id}
                  onClick={() => setResetting(resetting === m.id ? null : m.id)}
                >
                  Set password
                </button>
                <button
                  type="button"
                  className={quietButtonClass}
                  onClick={() =>
                    act(
                      () =>
                        sendJson<{ revoked: RevokedCounts }>(`/api/members/${m.id}`, "PATCH", {
                          disabled: !m.disabledAt,
                        }),
                      ({ revoked }) =>
                        m.disabledAt
                          ? `${m.email} enabled; they sign in again.`
                          : `${m.email} disabled: ${revokedText(revoked)}.`,
                    )
                  }
                >
                  {m.disabledAt ? "Enable" : "Disable"}
                </button>
                <button
                  type="button"
                  className={quietButtonClass}
                  onClick={() =>
                    confirm(`Remove ${m.email}? Their messages stay.`) &&
                    act(() => sendJson(`/api/members/${m.id}`, "DELETE"))
                  }
                >
                  Remove
                </button>
              </span>
            ) : null}
            {resetting === m.id ? (
              <form
                className="flex w-full flex-wrap items-end gap-2"
                action={async (form) => {
                  const ok = await act(
                    () =>
                      sendJson<{ revoked: RevokedCounts }>(`/api/members/${m.id}`, "PATCH", {
                        password: form.get("password"),
                      }),
                    ({ revoked }) => `New password set for ${m.email}: ${revokedText(revoked)}.`,
                  );
                  if (ok) setResetting(null);
                }}
              >
                <label className="min-w-56 flex-1 space-y-1 text-sm">
                  <span className="font-medium">New password for {m.name || m.email}</span>
                  <NewPasswordInput name="password" autoFocus />
                </label>
                <button type="submit" className={buttonClass}>
                  Save password
                </button>
                <button type="button" className={quietButtonClass} onClick={() => setResetting(null)}>
                  Cancel
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {isOwner ? (
        <form
          action={async (form) => {
            await act(() =>
              sendJson("/api/members", "POST", {
                email: form.get("email"),
                name: form.get("name") || undefined,
                password: form.get("password"),
                role: form.get("role"),
              }),
            );
          }}
          className="grid gap-2 sm:grid-cols-[1fr_1fr_1fr_auto_auto] sm:items-end"
        >
          <Field label="Email">
            <input name="email" type="email" required className={inputClass} />
          </Field>
          <Field label="Name">
            <input name="name" className={inputClass} />
          </Field>
          <Field label="First password">
            <NewPasswordInput name="password" />
          </Field>
          <Field label="Role">
            <select name="role" className={inputClass} defaultValue="member">
              <option value="member">member</option>
              <option value="owner">owner</option>
            </select>
          </Field>
          <button type="submit" className={buttonClass}>
            Add member
          </button>
        </form>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Only owners can add, remove or reset members.</p>
      )}
      <FormNotes problem={problem} done={notice} />
    </section>
  );
}
