import type { z } from "zod";
import { ApiError } from "./api-error";

/** Parses a JSON request body with a zod schema (a ZodError becomes a 400). */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let value: unknown;
  try {
    value = await request.json();
  } catch {
    throw new ApiError(400, "invalid_json", "The request body must be JSON");
  }
  return schema.parse(value);
}
