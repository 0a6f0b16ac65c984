import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { openApiDocument } from "@/lib/openapi/document";

// The API's route files and a validator for answers against the OpenAPI document.

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export function routeFiles(dir = path.resolve("app/api")): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

/** app/api/conversations/[id]/route.ts → /api/conversations/{id} */
export function openApiPath(file: string): string {
  return `/${path
    .relative(path.resolve("app"), path.dirname(file))
    .split(path.sep)
    .join("/")
    .replace(/\[([^\]]+)\]/g, "{$1}")}`;
}

type Doc = ReturnType<typeof openApiDocument>;
const doc: Doc = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ ...doc.components.schemas.Error, $id: "https://inbox.test/error.json" });

/** Errors (empty when valid) of a JSON answer against the document's schema for that route and status. */
export function responseErrors(method: string, apiPath: string, status: number, body: unknown): string[] {
  const op = (doc.paths[apiPath] as Record<string, any> | undefined)?.[method.toLowerCase()];
  if (!op) return [`${method} ${apiPath} is not in the document`];
  let response = op.responses[String(status)];
  if (!response) return [`${method} ${apiPath} does not describe status ${status}`];
  if (response.$ref) response = (doc.components.responses as Record<string, any>)[response.$ref.split("/").pop()];
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return [`${method} ${apiPath} ${status} has no JSON schema`];
  const validate = schema.$ref ? ajv.getSchema("https://inbox.test/error.json")! : ajv.compile(schema);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}
