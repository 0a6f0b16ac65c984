import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { busiestHours } from "./busiest-hours";
import { callsByDisposition } from "./calls-by-disposition";
import { contactChanges } from "./contact-changes";
import { deliveryOutcomes } from "./delivery-outcomes";
import { firstResponse } from "./first-response";
import { addDays, daysBetween, insightsRange, MAX_DAYS, today } from "./insights-range";
import type { InsightsQuery } from "./insights-schemas";
import type { InsightsScope } from "./insights-scope";
import { messageVolume } from "./message-volume";
import { topErrorCodes } from "./top-error-codes";

// Everything the Insights page shows for one range and line, as GET /api/insights answers
// it. The queries are independent and run side by side on the pool.

export const DEFAULT_DAYS = 30;

export async function loadInsights(db: Db, query: InsightsQuery, now = new Date()) {
  const timeZone = query.tz ?? "UTC";
  const toDay = query.to ?? defaultTo(query.from, today(now, timeZone));
  const fromDay = query.from ?? addDays(toDay, 1 - DEFAULT_DAYS);
  if (fromDay > toDay) throw new ApiError(400, "invalid_request", "from: must not be after to");
  if (daysBetween(fromDay, toDay) >= MAX_DAYS)
    throw new ApiError(400, "invalid_request", `from: at most ${MAX_DAYS} days`);
  const line = query.line
    ? await db.line.findUnique({ where: { number: query.line }, select: { id: true, number: true } })
    : null;
  if (query.line && !line) throw new ApiError(404, "not_found", `No line ${query.line}`);

  const range = insightsRange(fromDay, toDay, timeZone);
  const scope: InsightsScope = { from: range.from, to: range.to, lineId: line?.id ?? null, timeZone };
  const [volume, delivery, errors, response, hours, calls, contacts] = await Promise.all([
    messageVolume(db, scope, range.days),
    deliveryOutcomes(db, scope),
    topErrorCodes(db, scope),
    firstResponse(db, scope),
    busiestHours(db, scope),
    callsByDisposition(db, scope),
    contactChanges(db, scope, range.days),
  ]);
  return {
    range: {
      from: fromDay,
      to: toDay,
      timeZone,
      line: line?.number ?? null,
      fromInstant: range.from.toISOString(),
      toInstant: range.to.toISOString(),
    },
    volume,
    delivery,
    errors,
    firstResponse: response,
    busiestHours: hours,
    calls,
    contacts,
  };
}

export type Insights = Awaited<ReturnType<typeof loadInsights>>;

/** Without `to`: today, or with `from` alone DEFAULT_DAYS from it, but not past today unless `from` is. */
function defaultTo(from: string | undefined, todayDay: string): string {
  if (!from) return todayDay;
  const end = addDays(from, DEFAULT_DAYS - 1);
  return end < todayDay || from > todayDay ? end : todayDay;
}
