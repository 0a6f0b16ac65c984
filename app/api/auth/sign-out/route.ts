import { signOutBody } from "@/lib/auth/auth-schemas";
import { requireUser } from "@/lib/auth/authenticate";
import { revokeAccess } from "@/lib/auth/revoke-access";
import { jsonWithSessionCookie } from "@/lib/auth/session-cookie";
import { revokeSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";

// `{ everywhere: true }` revokes every session of the member, this one included, and every
// personal API token; the answer says how many of each.
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireUser(principal);
  const { everywhere } = request.headers.get("content-type")?.includes("json")
    ? await parseJsonBody(request, signOutBody)
    : { everywhere: false };
  if (everywhere) {
    const revoked = await revokeAccess(db(), user.id);
    return jsonWithSessionCookie(request, { ok: true, revoked }, null);
  }
  if (principal?.kind === "session") await revokeSession(db(), principal.sessionToken);
  return jsonWithSessionCookie(request, { ok: true }, null);
});
