import { z } from "zod";
import pkg from "@/package.json";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { errorBody } from "@/lib/http/common-schemas";
import type { Auth, Operation, RouteDocs } from "./operation";
import { accountRoutes } from "./paths/account";
import { exportRoutes } from "./paths/export";
import { incomingWebhookRoutes } from "./paths/incoming-webhooks";
import { insightsRoutes } from "./paths/insights";
import { notificationRoutes } from "./paths/notifications";
import { integrationRoutes } from "./paths/integrations";
import { outgoingWebhooks } from "./outgoing-webhooks";
import { operationsRoutes } from "./paths/operations";
import { readRoutes } from "./paths/read";
import { sendRoutes } from "./paths/send";
import { teamRoutes } from "./paths/team";
import { workflowRoutes } from "./paths/workflow";

// The OpenAPI 3.1 document, built from the route descriptions in ./paths (each naming the
// zod schemas its route uses). To describe a new route: add its entry to the paths file of
// its area (or a new file, imported below). tests/openapi/ fails, naming the route, until then.

export const ROUTE_DOCS: RouteDocs = {
  ...readRoutes,
  ...sendRoutes,
  ...accountRoutes,
  ...operationsRoutes,
  ...incomingWebhookRoutes,
  ...integrationRoutes,
  ...workflowRoutes,
  ...teamRoutes,
  ...exportRoutes,
  ...insightsRoutes,
  ...notificationRoutes,
};

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends or receives. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

const SECURITY: Record<Exclude<Auth, "none">, string> = {
  bearer: "bearerToken",
  session: "sessionCookie",
  webhookSecret: "webhookSecret",
  cronSecret: "cronSecret",
  metricsToken: "metricsToken",
};

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input; the message names the field",
  401: "Not signed in, or a wrong token or secret",
  403: "Signed in, but not allowed (or a cross-site request)",
  404: "Not found",
  409: "Conflicts with the current state",
  413: "Body too large",
  416: "Range not satisfiable",
  422: "Well-formed but unusable",
  429: "Too many attempts",
  500: "Internal error (the message carries the request id)",
  503: "The database (or a needed service) is unavailable",
};

function parameters(op: Operation) {
  const list: JsonSchema[] = [];
  const add = (schema: z.ZodType | undefined, where: "path" | "query") => {
    if (!schema) return;
    const s = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const { description, ...propSchema } = prop;
      list.push({
        name,
        in: where,
        required: where === "path" || (s.required ?? []).includes(name),
        schema: propSchema,
        ...(description ? { description } : {}),
      });
    }
  };
  add(op.params, "path");
  add(op.query, "query");
  return list;
}

function operation(op: Operation) {
  const auth = op.auth.filter((a): a is Exclude<Auth, "none"> => a !== "none");
  const errors = [...new Set([400, ...(auth.length ? [401] : []), ...(op.errors ?? []), 500, 503])].filter(
    (s) => !op.responses[s],
  );
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: auth.length ? auth.map((a) => ({ [SECURITY[a]]: [] })) : [],
    parameters: parameters(op),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { [op.bodyContentType ?? "application/json"]: { schema: jsonSchema(op.body, "input") } },
          },
        }
      : {}),
    ...(op.paginated
      ? { "x-pagination": { style: "keyset", cursorParameter: "cursor", nextCursorField: "nextCursor" } }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.headers
              ? {
                  headers: Object.fromEntries(
                    Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }]),
                  ),
                }
              : {}),
            ...(r.schema || r.contentType
              ? {
                  content: Object.fromEntries(
                    [
                      { contentType: r.contentType ?? "application/json", schema: r.schema },
                      ...(r.alternatives ?? []),
                    ].map((c) => [c.contentType, { schema: c.schema ? jsonSchema(c.schema, "output") : {} }]),
                  ),
                }
              : {}),
          },
        ]),
      ),
      ...Object.fromEntries(errors.map((s) => [String(s), { $ref: `#/components/responses/Error${s}` }])),
    },
  };
}

export function openApiDocument(extra: { serverUrl?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of Object.entries(ROUTE_DOCS) as [string, Operation][]) {
    const [method, path] = key.split(" ") as [string, string];
    (paths[path] ??= {})[method.toLowerCase()] = operation(op);
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Sendblue Inbox API",
      version: pkg.version,
      description:
        "Every error answers `{ error: { code, message } }`. Lists are keyset-paged: pass the answer's `nextCursor` back as `cursor` (null on the last page).",
    },
    ...(extra.serverUrl ? { servers: [{ url: extra.serverUrl }] } : {}),
    paths,
    webhooks: outgoingWebhooks(jsonSchema),
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "A personal API token (sbi_…) or the shared INBOX_API_TOKEN",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: sessionCookieName(),
          description: "The dashboard's session cookie; state changes must be same-origin",
        },
        webhookSecret: {
          type: "apiKey",
          in: "header",
          name: "sb-signing-secret",
          description: "SENDBLUE_WEBHOOK_SECRET, as Sendblue sends it",
        },
        cronSecret: { type: "http", scheme: "bearer", description: "CRON_SECRET or INBOX_API_TOKEN" },
        metricsToken: {
          type: "http",
          scheme: "bearer",
          description: "METRICS_TOKEN: reads GET /api/metrics and nothing else",
        },
      },
      schemas: { Error: jsonSchema(errorBody, "output") },
      responses: Object.fromEntries(
        Object.entries(ERROR_TEXT).map(([s, d]) => [
          `Error${s}`,
          { description: d, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
    },
  };
}
