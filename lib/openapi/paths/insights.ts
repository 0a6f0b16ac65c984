import { chartPath, insightsQuery, insightsResponse } from "@/lib/insights/insights-schemas";
import type { RouteDocs } from "../operation";

// The Insights page's numbers (issue 16), whole or one chart at a time as CSV.

const member = ["bearer", "session"] as const;

export const insightsRoutes: RouteDocs = {
  "GET /api/insights": {
    tag: "Insights",
    summary: "Messages, delivery, first-response time, busiest hours, calls and contacts for a range of days",
    description:
      "Days and hours are read in `tz`. `from`/`to` are calendar days, both included (at most 366); a line's number narrows everything to that line.",
    auth: [...member],
    query: insightsQuery,
    responses: { 200: { description: "Every chart's numbers", schema: insightsResponse } },
    errors: [404],
  },
  "GET /api/insights/{chart}": {
    tag: "Insights",
    summary: "One chart of the Insights page as CSV, exactly the rows its table shows",
    auth: [...member],
    params: chartPath,
    query: insightsQuery,
    responses: {
      200: {
        description: "CSV (RFC 4180), a header row first",
        contentType: "text/csv; charset=utf-8",
        headers: { "content-disposition": 'attachment; filename="insights-<chart>-<from>-to-<to>.csv"' },
      },
    },
    errors: [404],
  },
};
