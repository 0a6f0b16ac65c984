import type pg from "pg";

// What a backup needs to know about the schema, read from the catalog at run time (never a
// fixed list, so tables added by later migrations are backed up without touching this code):
// the public schema's tables with their stored columns, in foreign-key order, and sequences.

/** Written and applied by lib/db-tools/migrate.ts; the archive records migration names instead. */
export const MIGRATIONS_TABLE = "_prisma_migrations";

export type TableFacts = { name: string; columns: string[] };

type Queryable = Pick<pg.Client, "query">;

/** Ordinary tables of the public schema (not the migrations ledger), parents before children. */
export async function listTables(client: Queryable): Promise<TableFacts[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1
        -- Generated columns are computed on the way in: COPY cannot write them.
        AND a.attgenerated = ''
      GROUP BY c.relname
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return foreignKeyOrder(rows, await foreignKeyEdges(client));
}

/** Which table references which (a table referencing itself is loaded in one COPY: no edge). */
async function foreignKeyEdges(client: Queryable): Promise<{ child: string; parent: string }[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND c.oid <> p.oid`,
  );
  return rows;
}

/** Topological order (parents first); a cycle, which no migration has, is an error. */
export function foreignKeyOrder<T extends { name: string }>(
  tables: T[],
  edges: { child: string; parent: string }[],
): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) if (byName.has(e.parent)) parents.get(e.child)?.add(e.parent);
  const ordered: T[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    // Alphabetical among the ready ones, so the same schema always gives the same order.
    const ready = tables.find((t) => !placed.has(t.name) && [...parents.get(t.name)!].every((p) => placed.has(p)));
    if (!ready) {
      const left = tables.filter((t) => !placed.has(t.name)).map((t) => t.name);
      throw new Error(`foreign keys form a cycle among ${left.join(", ")}`);
    }
    ordered.push(ready);
    placed.add(ready.name);
  }
  return ordered;
}

/** Whether every table comes after the tables it references (for loading with FK checks on). */
export async function parentsFirst(client: Queryable, order: string[]): Promise<boolean> {
  const expected = (await listTables(client)).map((t) => t.name);
  const position = new Map(order.map((name, i) => [name, i]));
  const edges = await foreignKeyEdges(client);
  return (
    expected.every((t) => position.has(t)) &&
    edges.every((e) => (position.get(e.parent) ?? -1) < (position.get(e.child) ?? -1))
  );
}

export type SequenceValue = { name: string; lastValue: string | null };

/** Each public sequence's last value (null: never used). Sequences ignore snapshots, so these are at least the snapshot's ids. */
export async function readSequences(client: Queryable): Promise<SequenceValue[]> {
  const { rows } = await client.query<{ name: string; last_value: string | null }>(
    `SELECT sequencename AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
  );
  return rows.map((r) => ({ name: r.name, lastValue: r.last_value }));
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export const columnList = (columns: string[]) => columns.map(quoteIdent).join(", ");
