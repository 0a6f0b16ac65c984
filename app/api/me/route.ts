import { jsonResponse } from "@/lib/http/json-response";
import { meResponse } from "@/lib/auth/auth-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute({ auth: "token" }, async ({ principal }) => jsonResponse(meResponse, { user: requireUser(principal) }));
