import { jsonResponse } from "@/lib/http/json-response";
import { okBody } from "@/lib/http/common-schemas";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { idParam } from "@/lib/read/api-schemas";

export const DELETE = apiRoute<{ id: string }>({ auth: "token" }, async ({ params, principal }) => {
  const user = requireUser(principal);
  if (!(await revokeApiToken(db(), user.id, idParam.parse(params.id))))
    throw new ApiError(404, "not_found", "No such token");
  return jsonResponse(okBody, { ok: true });
});
