import { z } from "zod";

/** Body of POST /api/sync/import. */
export const importBody = z.object({
  /** Import messages sent from this day on (YYYY-MM-DD or an ISO time); absent: everything. */
  since: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .nullish()
    .transform((v) => (v ? new Date(v) : null))
    .refine((d) => !d || d.getTime() <= Date.now(), "since must not be in the future"),
  line: z
    .string()
    .regex(/^\+?\d{7,15}$/, "line must be one of your Sendblue numbers, such as +15122164639")
    .nullish(),
});
