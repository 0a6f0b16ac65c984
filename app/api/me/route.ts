import { jsonResponse } from "@/lib/http/json-response";
import { meResponse, meUpdated } from "@/lib/auth/auth-responses";
import { updateMeBody } from "@/lib/auth/auth-schemas";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";

export const GET = apiRoute({ auth: "token" }, async ({ principal }) => jsonResponse(meResponse, { user: requireUser(principal) }));

/** The calling member's own preferences: autoAssign opts in to round-robin assignment of new conversations. */
export const PATCH = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireUser(principal);
  const { autoAssign } = await parseJsonBody(request, updateMeBody);
  await db().user.update({ where: { id: user.id }, data: { autoAssign } });
  return jsonResponse(meUpdated, { autoAssign });
});
