import { refuseCrossSite } from "@/lib/auth/authenticate";
import { signInBody } from "@/lib/auth/auth-schemas";
import { jsonWithSessionCookie } from "@/lib/auth/session-cookie";
import { signIn } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { clientIp } from "@/lib/http/client-ip";
import { parseJsonBody } from "@/lib/http/json-body";

export const POST = apiRoute({ auth: "none" }, async ({ request }) => {
  refuseCrossSite(request);
  const body = await parseJsonBody(request, signInBody);
  const result = await signIn(db(), {
    ...body,
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    const response = Response.json(
      {
        error: {
          code: "too_many_attempts",
          message: `Too many attempts; try again in ${minutes} minute${minutes > 1 ? "s" : ""}`,
        },
      },
      { status: 429 },
    );
    response.headers.set("retry-after", String(result.retryAfterSeconds));
    return response;
  }
  if (!result.ok) throw new ApiError(401, "invalid_credentials", "Wrong email or password");
  return jsonWithSessionCookie(request, { ok: true }, result);
});
