import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { authenticate, type Principal } from "@/lib/auth/authenticate";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { addHsts } from "@/lib/security/https-only";
import { ApiError, errorResponse } from "./api-error";
import { log } from "./log";

// Every route handler goes through this: request id, auth, and one error shape
// ({ error: { code, message } }) for zod errors (400), known errors (their status), an
// unreachable database (503) and everything else (500 plus a log line).

export type RouteContext<P> = {
  request: Request;
  params: P;
  requestId: string;
  principal: Principal | null;
};

type Options = { auth: "token" | "none" };

export function apiRoute<P = Record<string, never>>(
  options: Options,
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): (request: Request, segment: { params: Promise<P> }) => Promise<Response> {
  return async (request, segment) => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    const headers = { "x-request-id": requestId, "cache-control": "no-store" };
    try {
      const principal = options.auth === "token" ? await authenticate(request) : null;
      const params = (await segment?.params) ?? ({} as P);
      const response = await handler({ request, params, requestId, principal });
      response.headers.set("x-request-id", requestId);
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
      addHsts(response.headers);
      return response;
    } catch (error) {
      const response = toErrorResponse(error, requestId, headers, request);
      addHsts(response.headers);
      return response;
    }
  };
}

export function toErrorResponse(error: unknown, requestId: string, headers: HeadersInit, request: Request): Response {
  if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, headers);
  if (error instanceof ZodError) {
    const message = error.issues
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    return errorResponse(400, "invalid_request", message, headers);
  }
  if (isDatabaseUnavailable(error)) {
    log("warn", "database unavailable", { requestId, path: new URL(request.url).pathname });
    return errorResponse(503, "database_unavailable", "The database is unreachable; try again shortly", {
      ...headers,
      "retry-after": "5",
    });
  }
  log("error", "unhandled error", {
    requestId,
    path: new URL(request.url).pathname,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return errorResponse(500, "internal_error", `Internal error (request ${requestId})`, headers);
}
