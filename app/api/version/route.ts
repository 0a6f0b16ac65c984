import { jsonResponse } from "@/lib/http/json-response";
import { versionResponse } from "@/lib/http/system-responses";
import pkg from "@/package.json";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

// No database: which build is running, for operators checking an upgrade and for clients
// that adapt to the API. `npm run bench:ingest` also uses it (with the shared token, checked
// in memory) as the baseline of what the server costs per request before database work.
export const GET = apiRoute({ auth: "token" }, async () =>
  jsonResponse(versionResponse, { name: pkg.name, version: pkg.version }),
);
