import { refuseCrossSite } from "@/lib/auth/authenticate";
import { setupBody } from "@/lib/auth/auth-schemas";
import { jsonWithSessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import { completeSetup } from "@/lib/auth/setup-token";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { clientIp } from "@/lib/http/client-ip";
import { parseJsonBody } from "@/lib/http/json-body";

// Only works while no account exists, and only with the token printed in the server log.
export const POST = apiRoute({ auth: "none" }, async ({ request }) => {
  refuseCrossSite(request);
  const body = await parseJsonBody(request, setupBody);
  const user = await completeSetup(db(), body);
  const session = await createSession(db(), user.id, {
    userAgent: request.headers.get("user-agent"),
    ip: clientIp(request.headers),
  });
  return jsonWithSessionCookie(request, { ok: true, user }, session, { status: 201 });
});
