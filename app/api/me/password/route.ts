import { changePasswordBody } from "@/lib/auth/auth-schemas";
import { requireUser } from "@/lib/auth/authenticate";
import { changePassword } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";

export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireUser(principal);
  const body = await parseJsonBody(request, changePasswordBody);
  await changePassword(db(), user.id, {
    ...body,
    keepSessionToken: principal?.kind === "session" ? principal.sessionToken : undefined,
  });
  return Response.json({ ok: true });
});
