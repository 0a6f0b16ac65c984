import pkg from "@/package.json";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

// No auth, no database: which build is running, for operators checking an upgrade and for
// clients that adapt to the API. `npm run bench:ingest` also uses it as the baseline of what
// the server costs per request before any database work.
export const GET = apiRoute({ auth: "none" }, async () => Response.json({ name: pkg.name, version: pkg.version }));
