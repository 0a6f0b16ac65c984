import type { z } from "zod";

/** What Response.json turns into T: a Date is sent as its ISO string. */
type Serializable<T> = T extends string
  ? string | Date
  : T extends readonly (infer U)[]
    ? readonly Serializable<U>[]
    : T extends object
      ? { [K in keyof T]: Serializable<T[K]> }
      : T;

/**
 * Response.json with the body's type checked against the zod schema that the OpenAPI
 * document (lib/openapi) publishes for it: a route and its description share one object,
 * so a change to what the route answers that the schema does not allow fails `tsc`.
 * Nothing is parsed at run time (answers stay as cheap as before); tests/openapi/
 * validates real answers against the document.
 */
export function jsonResponse<S extends z.ZodType>(
  schema: S,
  body: Serializable<z.input<S>>,
  init?: ResponseInit,
): Response {
  void schema;
  return Response.json(body, init);
}
