import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

// No auth: load balancers and uptime checks call it. Says only whether the database answers.
export const GET = apiRoute({ auth: "none" }, async () => {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true, db: "up" });
  } catch {
    return Response.json({ ok: false, db: "down" }, { status: 503 });
  }
});
