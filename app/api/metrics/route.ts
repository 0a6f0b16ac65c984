import { bearerToken, secretsMatch } from "@/lib/auth/secrets";
import { authenticate } from "@/lib/auth/authenticate";
import { pgPool } from "@/lib/db/pg-pool";
import { env } from "@/lib/env";
import { apiRoute } from "@/lib/http/api-route";
import { databaseMetrics } from "@/lib/metrics/database-metrics";
import { metrics } from "@/lib/metrics/registry";
import client from "prom-client";

export const dynamic = "force-dynamic";

// Prometheus text format. A scraper holds METRICS_TOKEN, which opens this route and no
// other; members' API tokens and INBOX_API_TOKEN work too. This process's counters and
// histogram, then the database's gauges (the same from every server).
export const GET = apiRoute({ auth: "none" }, async ({ request }) => {
  const scraper = env().METRICS_TOKEN;
  const bearer = bearerToken(request);
  if (!(scraper && bearer && secretsMatch(bearer, scraper))) await authenticate(request);
  const merged = client.Registry.merge([metrics().registry, await databaseMetrics(pgPool())]);
  return new Response(await merged.metrics(), { headers: { "content-type": merged.contentType } });
});
