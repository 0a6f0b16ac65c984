import type { Metadata } from "next";
import { connection } from "next/server";
import Link from "next/link";
import { LinesTable } from "@/components/lines/lines-table";
import { MediaQueuePanel } from "@/components/lines/media-queue-panel";
import { StoragePanel } from "@/components/lines/storage-panel";
import { SyncPanel } from "@/components/lines/sync-panel";
import { UpgradeTasksPanel } from "@/components/lines/upgrade-tasks-panel";
import { BlockedLineBanner } from "@/components/shell/blocked-line-banner";
import { EmptyState } from "@/components/shell/empty-state";
import { LocalTime } from "@/components/shell/local-time";
import { PageFrame } from "@/components/shell/page-frame";
import { listUnfinishedTasks } from "@/lib/db/background-tasks";
import { pgPool } from "@/lib/db/pg-pool";
import { publicOrigin } from "@/lib/http/public-origin";
import { mediaQueueStatus } from "@/lib/media/queue-status";
import { listLines } from "@/lib/read/list-lines";
import { storageReport } from "@/lib/retention/storage-report";
import { syncStatus } from "@/lib/sync/sync-status";

export const metadata: Metadata = { title: "Lines · Sendblue Inbox" };

export default async function LinesPage() {
  await connection(); // live data: never prerendered at build time
  const [data, origin, queue, sync, upgrades, storage] = await Promise.all([
    listLines(pgPool()),
    publicOrigin(),
    mediaQueueStatus(pgPool(), { recent: 8 }),
    syncStatus(pgPool()),
    listUnfinishedTasks(pgPool()),
    storageReport(pgPool()),
  ]);
  const { count, lastAt, sampled } = data.unauthorizedWebhooks;
  return (
    <>
      <BlockedLineBanner linkToLines={false} />
      <PageFrame
        title="Lines"
        description="Your Sendblue numbers, what state Sendblue last reported, and their traffic."
      >
        <UpgradeTasksPanel tasks={upgrades} />
        {count > 0 ? (
          <p
            role="status"
            className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/50 dark:text-amber-200"
          >
            <strong className="font-semibold">
              {count.toLocaleString()} webhook {count === 1 ? "request was" : "requests were"} refused for a wrong or
              missing secret
            </strong>
            {lastAt ? (
              <>
                {" "}
                (last <LocalTime iso={lastAt} relative />)
              </>
            ) : null}
            . If these are Sendblue&apos;s, the secret in Sendblue&apos;s dashboard differs from
            SENDBLUE_WEBHOOK_SECRET.{" "}
            <Link href="/events?outcome=unauthorized" className="font-medium underline underline-offset-2">
              See {sampled < count ? `the ${sampled.toLocaleString()} kept as samples` : "them"}
            </Link>
          </p>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No webhook request has been refused for a wrong secret.
          </p>
        )}
        {data.lines.length ? (
          <LinesTable initial={data} />
        ) : (
          <EmptyState title="No lines yet">
            <p>
              Lines appear when Sendblue posts to{" "}
              <code className="font-mono text-xs break-all text-zinc-800 dark:text-zinc-200">
                {origin}/api/webhooks/…
              </code>{" "}
              — a message received or sent, or a line assigned or blocked.
            </p>
            <p>
              The{" "}
              <Link href="/events" className="font-medium underline underline-offset-2">
                webhook log
              </Link>{" "}
              lists every URL to paste into Sendblue&apos;s dashboard.
            </p>
          </EmptyState>
        )}
        <SyncPanel status={sync} />
        <MediaQueuePanel status={queue} />
        <StoragePanel report={storage} />
      </PageFrame>
    </>
  );
}
