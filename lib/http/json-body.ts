import type { z } from "zod";
import { ApiError } from "./api-error";
import { readCappedBody } from "./read-capped-body";

/**
 * The largest JSON body any API route takes. The biggest real one is a reply: 18,996
 * characters of text, up to 4 UTF-8 bytes each, plus a media URL; a sign-in is a few hundred bytes.
 */
export const MAX_JSON_BODY_BYTES = 128 * 1024;

/** Parses a JSON request body with a zod schema (a ZodError becomes a 400; over the cap, 413). */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const body = await readCappedBody(request, MAX_JSON_BODY_BYTES);
  if (body.tooLarge)
    throw new ApiError(413, "body_too_large", `The request body must be at most ${MAX_JSON_BODY_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(body.bytes.toString("utf8"));
  } catch {
    throw new ApiError(400, "invalid_json", "The request body must be JSON");
  }
  return schema.parse(value);
}
