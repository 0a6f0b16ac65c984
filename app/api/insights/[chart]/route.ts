import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { chartTables } from "@/lib/insights/chart-tables";
import { toCsv } from "@/lib/insights/csv";
import { chartPath, insightsQuery } from "@/lib/insights/insights-schemas";
import { loadInsights } from "@/lib/insights/load-insights";

// One chart of the Insights page as CSV: the rows its table shows, for the same query.
export const GET = apiRoute<{ chart: string }>({ auth: "token" }, async ({ request, params }) => {
  const { chart } = chartPath.parse(params);
  const query = parseQuery(request, insightsQuery);
  const insights = await loadInsights(db(), query);
  const id = chart.replace(/\.csv$/, "") as keyof ReturnType<typeof chartTables>;
  const { range } = insights;
  const name = `insights-${id}-${range.from}-to-${range.to}${range.line ? `-${range.line.replace(/\D/g, "")}` : ""}.csv`;
  return new Response(toCsv(chartTables(insights)[id]), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });
});
