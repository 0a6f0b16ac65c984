import { describe, expect, it } from "vitest";
import { GET as openApiGet } from "@/app/api/openapi.json/route";
import { openApiDocument } from "@/lib/openapi/document";
import { METHODS, openApiPath, routeFiles } from "@/tests/support/openapi";

// Every exported handler under app/api must be in the OpenAPI document, and nothing else.

describe("the OpenAPI document", () => {
  const doc = openApiDocument();

  it("describes every route and method under app/api (lists the ones it does not)", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(30);
    const missing: string[] = [];
    const present = new Set<string>();
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const p = openApiPath(file);
      for (const method of METHODS) {
        if (typeof mod[method] !== "function") continue;
        present.add(`${method} ${p}`);
        if (!(doc.paths[p] as Record<string, unknown> | undefined)?.[method.toLowerCase()])
          missing.push(`${method} ${p}`);
      }
    }
    expect(missing, "undescribed routes: add them to lib/openapi/paths/").toEqual([]);
    const described = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(
      described.filter((k) => !present.has(k)),
      "described routes that do not exist",
    ).toEqual([]);
  });

  it("names an auth scheme, or none on purpose, for every operation, and the error shape for every error", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops) as [string, any][]) {
        for (const s of op.security)
          expect(Object.keys(doc.components.securitySchemes), `${m} ${p}`).toContain(Object.keys(s)[0]);
        expect(op.responses["500"], `${m} ${p}`).toEqual({ $ref: "#/components/responses/Error500" });
      }
    }
    expect(doc.components.schemas.Error).toMatchObject({ required: ["error"] });
  });

  it("marks keyset-paged lists and publishes their cursor parameter", () => {
    const op = (doc.paths["/api/conversations"] as any).get;
    expect(op["x-pagination"]).toEqual({ style: "keyset", cursorParameter: "cursor", nextCursorField: "nextCursor" });
    expect(op.parameters.map((p: any) => p.name)).toContain("cursor");
    expect(op.responses["200"].content["application/json"].schema.required).toContain("nextCursor");
  });

  it("is served at GET /api/openapi.json without auth, as OpenAPI 3.1", async () => {
    const res = await openApiGet(new Request("http://inbox.test/api/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(body.paths)).toContain("/api/conversations/{id}/messages");
  });
});
