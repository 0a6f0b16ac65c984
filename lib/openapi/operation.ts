import type { z } from "zod";

// How a route is described in the OpenAPI document. One entry per route and method, keyed
// "METHOD /api/path/{param}" (the app/api folder with [param] as {param}); the schemas are
// the very zod objects the route validates with and answers through (jsonResponse), so the
// document cannot drift from the code.

/** Who may call: any one of these is enough. */
export type Auth = "bearer" | "session" | "webhookSecret" | "cronSecret" | "metricsToken" | "none";

export type ResponseDoc = {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Further media types answered at this status, when a parameter picks one (an export's `format`). */
  alternatives?: { contentType: string; schema?: z.ZodType }[];
};

export type Operation = {
  summary: string;
  description?: string;
  tag: string;
  auth: Auth[];
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyContentType?: string;
  /** Keyset-paged: `cursor` in, `nextCursor` out (lib/read/cursor.ts). */
  paginated?: boolean;
  /** Success answers; error answers ({ error: { code, message } }) are added from `errors`. */
  responses: Record<number, ResponseDoc>;
  /** Error statuses this route may answer besides the common ones (400, 401, 500, 503). */
  errors?: number[];
};

export type RouteDocs = Record<`${"GET" | "POST" | "PUT" | "PATCH" | "DELETE"} /api/${string}`, Operation>;
