import { z } from "zod";

// The first entry of every archive (manifest.json): what the archive holds and which schema
// version its data fits. The layout after it:
//   data/<nnnn>-<table>/<nnnnnn>.copy  a table's rows in COPY text format, in chunks that end
//                                      at a row boundary; tables in foreign-key order
//   media/<storage key>               each kept media file (local-disk storage only)

export const ARCHIVE_FORMAT = "sendblue-inbox-backup";
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: z.string(),
  createdAt: z.iso.datetime(),
  postgresVersion: z.string(),
  /** Applied migrations in order, as _prisma_migrations records them. */
  migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
  /** In the order their data follows (parents before children). */
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()).min(1), rows: z.number().int().min(0) })),
  sequences: z.array(
    z.object({
      name: z.string(),
      lastValue: z
        .string()
        .regex(/^-?\d+$/)
        .nullable(),
    }),
  ),
  media: z.object({
    storage: z.enum(["disk", "s3"]),
    /** S3: the bucket, which the archive does not copy (the keys are listed to check it against). */
    bucket: z.string().optional(),
    /** Every key a kept attachment points at. */
    keys: z.array(z.string()),
    /** Local disk: the files in the archive, and keys whose file was missing on disk. */
    files: z.number().int().min(0),
    bytes: z.number().int().min(0),
    missing: z.array(z.string()),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;

export const tableEntryPrefix = (index: number, table: string) => `data/${String(index).padStart(4, "0")}-${table}/`;

export const chunkEntryName = (index: number, table: string, chunk: number) =>
  `${tableEntryPrefix(index, table)}${String(chunk).padStart(6, "0")}.copy`;

export const mediaEntryName = (key: string) => `media/${key}`;
