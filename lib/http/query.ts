import type { z } from "zod";

/** Validates a request's query string with a zod schema (a ZodError becomes a 400). */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return schema.parse(params);
}
