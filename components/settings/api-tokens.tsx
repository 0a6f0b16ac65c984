"use client";

import { useState } from "react";
import useSWR from "swr";
import type { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import type { Jsonify } from "@/lib/http/jsonify";
import { formatDateTime } from "@/lib/format/date-time";
import { getJson, sendJson } from "@/components/shell/api-client";
import { buttonClass, cardClass, inputClass, quietButtonClass } from "@/components/shell/form-classes";
import { FormNotes } from "@/components/shell/form-parts";

type TokenList = { tokens: Jsonify<Awaited<ReturnType<typeof listApiTokens>>> };
type CreatedToken = Jsonify<Awaited<ReturnType<typeof createApiToken>>>;

const when = (iso: string | null) => (iso ? formatDateTime(iso) : "never");

export function ApiTokens() {
  const { data, error, mutate } = useSWR<TokenList>("/api/tokens", getJson);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [copied, setCopied] = useState(false);

  async function create(form: FormData) {
    setProblem(null);
    try {
      setCopied(false);
      setCreated(await sendJson<CreatedToken>("/api/tokens", "POST", { name: form.get("name") }));
      await mutate();
    } catch (e) {
      setProblem((e as Error).message);
    }
  }

  async function revoke(id: number) {
    setConfirming(null);
    await sendJson(`/api/tokens/${id}`, "DELETE").catch((e: Error) => setProblem(e.message));
    // A revoked token must not stay on screen as if it still worked.
    setCreated((c) => (c?.id === id ? null : c));
    await mutate();
  }

  return (
    <section className={cardClass} aria-labelledby="tokens-heading">
      <div className="space-y-1">
        <h2 id="tokens-heading" className="font-medium">
          API tokens
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          For scripts and integrations: send{" "}
          <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>. A token acts as you. The{" "}
          <a className="underline" href="/api-docs">
            API reference
          </a>{" "}
          lists every endpoint.
        </p>
      </div>
      <form action={create} className="flex flex-wrap items-end gap-2">
        <label className="min-w-48 flex-1 space-y-1 text-sm">
          <span className="font-medium">Name</span>
          <input name="name" required maxLength={100} placeholder="CRM sync" className={inputClass} />
        </label>
        <button type="submit" className={buttonClass}>
          Create token
        </button>
      </form>
      {created ? (
        <div
          role="status"
          className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="font-medium">Copy “{created.name}” now — it will not be shown again:</p>
          <div className="flex items-center gap-2">
            <code data-testid="new-token" className="block min-w-0 flex-1 break-all font-mono text-xs select-all">
              {created.token}
            </code>
            <button
              type="button"
              className={quietButtonClass}
              onClick={() =>
                navigator.clipboard.writeText(created.token).then(
                  () => setCopied(true),
                  () => setProblem("Could not copy; select the token and copy it by hand"),
                )
              }
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      ) : null}
      <FormNotes problem={problem ?? (error as Error | undefined)?.message} />
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        {data?.tokens.length === 0 ? <li className="py-2 text-zinc-500 dark:text-zinc-400">No tokens yet.</li> : null}
        {data?.tokens.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <span className="font-medium">{t.name}</span>{" "}
              <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{t.prefix}…</code>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                created {when(t.createdAt)} · last used {when(t.lastUsedAt)}
              </span>
            </span>
            {confirming === t.id ? (
              <span className="flex items-center gap-2" role="group" aria-label={`Confirm revoking ${t.name}`}>
                <span className="text-xs">Scripts using it stop working.</span>
                <button
                  type="button"
                  onClick={() => revoke(t.id)}
                  className={`${quietButtonClass} text-red-700 dark:text-red-400`}
                >
                  Revoke {t.name}
                </button>
                <button type="button" onClick={() => setConfirming(null)} className={quietButtonClass}>
                  Cancel
                </button>
              </span>
            ) : (
              <button
                type="button"
                onClick={() => setConfirming(t.id)}
                className={quietButtonClass}
                aria-label={`Revoke ${t.name}…`}
              >
                Revoke…
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
