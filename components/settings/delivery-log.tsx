"use client";

import { useState } from "react";
import useSWR from "swr";
import type { z } from "zod";
import { LocalTime } from "@/components/shell/local-time";
import type { deliveryList } from "@/lib/outgoing/endpoint-schemas";
import { getJson, sendJson } from "@/components/shell/api-client";
import { quietButtonClass } from "@/components/shell/form-classes";

// One endpoint's latest deliveries with the response code of the last try, and Resend for
// those that are done (delivered or given up).

type Delivery = z.output<typeof deliveryList>["deliveries"][number];

const STATE_CLASS: Record<Delivery["state"], string> = {
  delivered: "text-emerald-700 dark:text-emerald-400",
  pending: "text-amber-700 dark:text-amber-400",
  delivering: "text-blue-700 dark:text-blue-400",
  failed: "text-red-700 dark:text-red-400",
};

export function DeliveryLog({ endpointId, onResent }: { endpointId: number; onResent: () => void }) {
  const url = `/api/integrations/endpoints/${endpointId}/deliveries?limit=20`;
  const { data, error, mutate } = useSWR<{ deliveries: Delivery[] }>(url, getJson, { refreshInterval: 5_000 });
  const [problem, setProblem] = useState<string | null>(null);

  async function resend(id: string) {
    setProblem(null);
    await sendJson(`/api/integrations/endpoints/${endpointId}/deliveries/${id}/resend`, "POST").catch((e: Error) =>
      setProblem(e.message),
    );
    await mutate();
    onResent();
  }

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {(error as Error).message}
      </p>
    );
  if (!data) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading deliveries…</p>;
  if (!data.deliveries.length) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing sent yet.</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      {problem ? (
        <p role="alert" className="p-2 text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Latest deliveries</caption>
        <thead className="bg-zinc-50 text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Event
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              State
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Response
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Tries
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Created
            </th>
            <th scope="col" className="px-2 py-1.5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {data.deliveries.map((d) => (
            <tr key={d.id}>
              <td className="px-2 py-1.5">
                <code className="font-mono">{d.eventType}</code>{" "}
                <span className="text-zinc-500 dark:text-zinc-400">evt_{d.id}</span>
              </td>
              <td className={`px-2 py-1.5 font-medium ${STATE_CLASS[d.state]}`}>{d.state}</td>
              <td className="max-w-64 truncate px-2 py-1.5" title={d.lastError ?? undefined}>
                {d.lastStatus ?? "—"}
                {d.lastError ? <span className="text-zinc-500 dark:text-zinc-400"> {d.lastError}</span> : null}
              </td>
              <td className="px-2 py-1.5">{d.attempts}</td>
              <td className="px-2 py-1.5">
                <LocalTime iso={d.createdAt} />
              </td>
              <td className="px-2 py-1.5 text-right">
                {d.state === "delivered" || d.state === "failed" ? (
                  <button
                    type="button"
                    className={quietButtonClass}
                    onClick={() => resend(d.id)}
                    aria-label={`Resend evt_${d.id}`}
                  >
                    Resend
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
