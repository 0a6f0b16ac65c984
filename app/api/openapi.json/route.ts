import { env } from "@/lib/env";
import { apiRoute } from "@/lib/http/api-route";
import { openApiDocument } from "@/lib/openapi/document";

// The machine-readable description of this API, public like the README's table: it
// holds no data, only what the routes accept and answer.
export const GET = apiRoute({ auth: "none" }, async () =>
  Response.json(openApiDocument({ serverUrl: env().PUBLIC_URL?.replace(/\/+$/, "") }), {
    headers: { "cache-control": "public, max-age=300" },
  }),
);
