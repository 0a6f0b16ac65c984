import Link from "next/link";
import { connection } from "next/server";
import { pgPool } from "@/lib/db/pg-pool";
import { listBlockedLines } from "@/lib/read/list-lines";
import { DismissibleNotice } from "./dismissible-notice";
import { LocalTime } from "./local-time";
import { formatPhone } from "@/lib/format/phone-number";

// Past two, a list of numbers and dates buries the message; the lines page has them all.
const NAMED = 2;

/**
 * A red strip while any line is blocked (it cannot send); renders nothing otherwise. On the
 * inbox (`inUseOnly`, `dismissible`) only lines with conversations count, and the viewer can
 * put it away until the set of blocked lines changes; the Lines page always shows it.
 */
export async function BlockedLineBanner({
  linkToLines = true,
  inUseOnly = false,
  dismissible = false,
}: {
  linkToLines?: boolean;
  inUseOnly?: boolean;
  dismissible?: boolean;
}) {
  await connection(); // reads live state wherever it is placed, never a build-time snapshot
  const blocked = await listBlockedLines(pgPool(), { inUse: inUseOnly });
  if (!blocked.length) return null;
  const banner = (
    <div
      role="alert"
      className="shrink-0 border-b border-red-200 bg-red-50 py-2 pr-12 pl-4 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/60 dark:text-red-200"
    >
      <strong className="font-semibold">
        {blocked.length === 1 ? "A line is blocked" : `${blocked.length} lines are blocked`}:
      </strong>{" "}
      {blocked.slice(0, NAMED).map((line, i) => (
        <span key={line.number}>
          {i > 0 ? ", " : null}
          <span className="font-medium whitespace-nowrap">{formatPhone(line.number)}</span>
          {line.blockedAt ? (
            <>
              {" "}
              (since <LocalTime iso={line.blockedAt} />)
            </>
          ) : null}
        </span>
      ))}
      {blocked.length > NAMED ? ` and ${blocked.length - NAMED} more` : null}. Messages from{" "}
      {blocked.length === 1 ? "it" : "them"} may not be delivered.
      {linkToLines ? (
        <>
          {" "}
          <Link href="/lines" className="font-medium underline underline-offset-2">
            See lines
          </Link>
        </>
      ) : null}
    </div>
  );
  if (!dismissible) return banner;
  return (
    <DismissibleNotice storageKey={`blocked:${blocked.map((l) => `${l.number}@${l.blockedAt ?? ""}`).join(",")}`}>
      {banner}
    </DismissibleNotice>
  );
}
