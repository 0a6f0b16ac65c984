import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WEBHOOK_TYPES } from "@/lib/webhooks/webhook-types";

// Walks every API route file in app/ and calls each exported method anonymously: all must
// answer 401 except the few that are public by design. A new route cannot forget auth.

// Webhooks are proven by the webhook secret instead: the [type] route and one static route per type.
const WEBHOOK_ROUTES = ["[type]", ...WEBHOOK_TYPES].map((t) => `POST /api/webhooks/${t}`);

const PUBLIC = new Set([
  ...WEBHOOK_ROUTES,
  "GET /api/health",
  "GET /api/openapi.json", // describes the API, holds no data
  "POST /api/auth/sign-in",
  "POST /api/auth/setup", // proven by the one-time setup token
]);

// Public routes with their own proof: anonymous calls must still be refused by it.
const SELF_PROTECTED: Record<string, number[]> = {
  ...Object.fromEntries(WEBHOOK_ROUTES.map((key) => [key, [401]])),
  "POST /api/auth/sign-in": [400],
  "POST /api/auth/setup": [400],
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const files = routeFiles(path.resolve("app"));

describe("every API route requires auth", () => {
  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => path.relative(path.resolve("app"), path.dirname(f))))("/%s", async (route) => {
    const mod = (await import(path.resolve("app", route, "route.ts"))) as Record<string, unknown>;
    const urlPath = `/${route.replace(/\[([^\]]+)\]/g, "1")}`;
    for (const method of METHODS) {
      const handler = mod[method] as ((r: Request, s: { params: Promise<object> }) => Promise<Response>) | undefined;
      if (!handler) continue;
      const key = `${method} /${route}`;
      const params = Object.fromEntries(
        [...route.matchAll(/\[([^\]]+)\]/g)].map((m) => [m[1], m[1] === "type" ? "receive" : "1"]),
      );
      const res = await handler(
        new Request(`http://inbox.test${urlPath}`, {
          method,
          headers: { "content-type": "application/json" },
          body: method === "GET" ? undefined : "{}",
        }),
        { params: Promise.resolve(params) },
      );
      if (SELF_PROTECTED[key]) expect(SELF_PROTECTED[key], key).toContain(res.status);
      else if (PUBLIC.has(key)) expect(res.status, key).toBeLessThan(500);
      else {
        expect(res.status, key).toBe(401);
        expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      }
    }
  });
});
