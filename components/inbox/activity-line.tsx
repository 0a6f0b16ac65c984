"use client";

import { activityText, type ActivityEvent } from "@/lib/activity/activity-text";
import { fullTime, timeOfDay } from "./format";

// One line of the conversation's activity trail in the thread timeline: who did what, when.

export function ActivityLine({ event }: { event: ActivityEvent }) {
  return (
    <p
      className="my-2 px-6 text-center text-[11.5px] text-zinc-500 dark:text-zinc-400"
      data-testid="activity-line"
      data-kind={event.kind}
    >
      <span className="font-medium text-zinc-600 dark:text-zinc-300">{activityText(event, fullTime)}</span> ·{" "}
      <time dateTime={event.at} title={fullTime(event.at)}>
        {timeOfDay(event.at)}
      </time>
    </p>
  );
}
