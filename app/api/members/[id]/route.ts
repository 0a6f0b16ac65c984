import { updateMemberBody } from "@/lib/auth/auth-schemas";
import { requireOwner } from "@/lib/auth/authenticate";
import { removeUser, resetMemberPassword, setUserDisabled } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { idParam } from "@/lib/read/api-schemas";

export const PATCH = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  const owner = requireOwner(principal);
  const { disabled, password } = await parseJsonBody(request, updateMemberBody);
  const id = idParam.parse(params.id);
  if (password !== undefined) await resetMemberPassword(db(), owner.id, id, password);
  if (disabled !== undefined) await setUserDisabled(db(), owner.id, id, disabled);
  return Response.json({ ok: true });
});

export const DELETE = apiRoute<{ id: string }>({ auth: "token" }, async ({ params, principal }) => {
  const owner = requireOwner(principal);
  await removeUser(db(), owner.id, idParam.parse(params.id));
  return Response.json({ ok: true });
});
