import { z } from "zod";

// Query string of GET /api/search, shared by the route, the search page and the tests.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** A day (YYYY-MM-DD, UTC) or an instant with an offset; the page sends instants in the viewer's zone. */
const dateOrInstant = z.preprocess(
  blankToUndefined,
  z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
);

export const SERVICES = ["iMessage", "SMS", "RCS"] as const;

/** The fields before dates become instants; the export (lib/export) takes the same ones. */
export const searchQueryFields = z.object({
  q: z.string().max(300, "q: at most 300 characters").default(""),
  line: optionalString(40),
  contact: optionalString(40),
  conversation: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  service: z.preprocess(blankToUndefined, z.enum(SERVICES).optional()),
  direction: z.preprocess(blankToUndefined, z.enum(["inbound", "outbound"]).optional()),
  status: optionalString(40),
  has: z.preprocess(blankToUndefined, z.enum(["media"]).optional()),
  from: dateOrInstant,
  to: dateOrInstant,
  cursor: optionalString(200),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).optional()),
});

/** `from` and `to` as the instants the search compares with. */
export function searchWindow<T extends { from?: string; to?: string }>({ from, to, ...rest }: T) {
  return {
    ...rest,
    from: from ? new Date(from) : undefined,
    // A bare day as the upper bound includes that whole day.
    toExclusive: to ? new Date(to.length === 10 ? Date.parse(to) + 86_400_000 : Date.parse(to) + 1) : undefined,
  };
}

export const searchQuerySchema = searchQueryFields.transform(searchWindow);

export type SearchInput = z.infer<typeof searchQuerySchema>;
