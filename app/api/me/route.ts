import { requireUser } from "@/lib/auth/authenticate";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute({ auth: "token" }, async ({ principal }) => Response.json({ user: requireUser(principal) }));
