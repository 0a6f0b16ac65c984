import { jsonResponse } from "@/lib/http/json-response";
import { revokedResponse } from "@/lib/auth/auth-responses";
import { changePasswordBody } from "@/lib/auth/auth-schemas";
import { requireUser } from "@/lib/auth/authenticate";
import { changePassword } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { clientIp } from "@/lib/http/client-ip";
import { parseJsonBody } from "@/lib/http/json-body";

// Other devices are signed out and every API token revoked; the answer says how many.
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireUser(principal);
  const body = await parseJsonBody(request, changePasswordBody);
  const revoked = await changePassword(db(), user.id, {
    ...body,
    keepSessionToken: principal?.kind === "session" ? principal.sessionToken : undefined,
    ip: clientIp(request.headers),
  });
  return jsonResponse(revokedResponse, { ok: true, revoked });
});
