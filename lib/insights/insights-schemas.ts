import { z } from "zod";
import { CHART_IDS } from "./chart-ids";
import { isCalendarDay, isTimeZone, MAX_DAYS, daysBetween } from "./insights-range";

// GET /api/insights and /api/insights/{chart}.csv: the query both take and the JSON answer.

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const day = z.string().refine(isCalendarDay, "must be a day written YYYY-MM-DD");

export const insightsQuery = z
  .object({
    from: z
      .preprocess(blankToUndefined, day.optional())
      .describe("First day (YYYY-MM-DD, in `tz`); default 29 days before `to`"),
    to: z
      .preprocess(blankToUndefined, day.optional())
      .describe("Last day, included (YYYY-MM-DD, in `tz`); default today"),
    line: z
      .preprocess(blankToUndefined, z.string().max(40).optional())
      .describe("One line's number (E.164); default every line"),
    tz: z
      .preprocess(
        blankToUndefined,
        z.string().refine(isTimeZone, "must be an IANA time zone, e.g. America/Chicago").optional(),
      )
      .describe("IANA time zone that days and hours are read in; default UTC"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) < MAX_DAYS, {
    message: `at most ${MAX_DAYS} days`,
    path: ["from"],
  });

export type InsightsQuery = z.infer<typeof insightsQuery>;

export const chartPath = z.object({
  chart: z
    .enum(CHART_IDS.map((id) => `${id}.csv`) as [`${(typeof CHART_IDS)[number]}.csv`])
    .describe("Which chart, as CSV"),
});

const count = z.number().int();
const serviceCounts = z.object({ iMessage: count, SMS: count, RCS: count, other: count });
const seconds = z.number().nullable();

export const insightsResponse = z.looseObject({
  range: z.object({
    from: z.string().describe("First day, YYYY-MM-DD"),
    to: z.string().describe("Last day (included)"),
    timeZone: z.string(),
    line: z.string().nullable().describe("The line's number; null for every line"),
    fromInstant: z.string().describe("ISO 8601: the first day's midnight in the time zone"),
    toInstant: z.string().describe("ISO 8601: the midnight after the last day (excluded)"),
  }),
  volume: z
    .array(z.object({ day: z.string(), inbound: serviceCounts, outbound: serviceCounts }))
    .describe("Messages per day, by direction and service"),
  delivery: z.object({
    outbound: count,
    delivered: count,
    sentOnly: count.describe("SENT, no delivery receipt"),
    failed: count,
    pending: count.describe("Not sent yet, or a status without a rank"),
    downgraded: count.describe("Sent as SMS after iMessage failed"),
    downgradedShare: z.number().nullable(),
  }),
  errors: z.array(
    z.object({ code: z.string().nullable(), meaning: z.string(), message: z.string().nullable(), count }),
  ),
  firstResponse: z.object({
    waits: count,
    answered: count,
    unanswered: count,
    medianSeconds: seconds,
    p90Seconds: seconds,
    buckets: z.array(z.object({ label: z.string(), count })),
  }),
  busiestHours: z.array(z.array(count)).describe("Inbound messages [weekday Mon–Sun][hour 0–23]"),
  calls: z.array(z.object({ disposition: z.string(), count })),
  contacts: z.array(z.object({ day: z.string(), newContacts: count, optedOut: count })),
});
