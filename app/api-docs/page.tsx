import type { Metadata } from "next";
import { ApiReference } from "@/components/api-docs/api-reference";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "API · Sendblue Inbox" };

// The OpenAPI document (/api/openapi.json) rendered for members. The renderer's code and
// styles are bundled from node_modules by Next: nothing loads from another origin.
export default async function ApiDocsPage() {
  await requirePageUser("/api-docs");
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-5xl space-y-3 px-4 py-6">
        <h1 className="text-xl font-semibold tracking-tight">API</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The machine-readable description is at{" "}
          <a className="underline" href="/api/openapi.json">
            /api/openapi.json
          </a>{" "}
          (OpenAPI 3.1). Create a token under{" "}
          <a className="underline" href="/settings">
            Settings
          </a>{" "}
          to call the API.
        </p>
        <ApiReference />
      </div>
    </main>
  );
}
