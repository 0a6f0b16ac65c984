// The Insights page's charts and tables, each with its own CSV (lib/insights/chart-tables.ts).
export const CHART_IDS = ["summary", "volume", "delivery", "errors", "response", "hours", "calls", "contacts"] as const;
export type ChartId = (typeof CHART_IDS)[number];
