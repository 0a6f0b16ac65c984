import { once } from "node:events";
import { finished } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Manifest } from "./manifest";
import { countRows } from "./row-chunks";
import { columnList, listTables, parentsFirst, quoteIdent } from "./schema-facts";

// Loads an archive's rows into a database whose schema is at the archive's version, in one
// transaction: all of it or nothing. Triggers must not fire: the counters' triggers would
// count every row a second time (the archive holds the counters too), conversation_activity's
// would refuse nothing here but others might, and search vectors are already in the rows.
// `session_replication_role = replica` turns them off (foreign keys too: the rows come from one
// consistent snapshot); a role that may not set it disables its tables' own triggers instead,
// keeping foreign-key checks, which the archive's parents-first order satisfies.

type TableEntry = Manifest["tables"][number];
type Copy = { table: TableEntry; stream: ReturnType<typeof copyFrom>; rows: number };

export type TriggerMode = "replica" | "disable-user-triggers";

export class TableLoader {
  private current: Copy | null = null;
  private loaded = new Set<string>();

  private constructor(
    private readonly client: pg.Client,
    private readonly tables: TableEntry[],
    readonly mode: TriggerMode,
    private readonly indexes: string[],
  ) {}

  /** Opens the transaction, turns triggers off and empties every table (migrations seed some rows). */
  static async begin(client: pg.Client, tables: TableEntry[]): Promise<TableLoader> {
    const present = (await listTables(client)).map((t) => t.name).sort();
    const archived = tables.map((t) => t.name).sort();
    if (present.join() !== archived.join()) {
      throw new Error(`the archive's tables (${archived.join(", ")}) are not this schema's (${present.join(", ")})`);
    }
    await client.query("BEGIN");
    await client.query("SET LOCAL statement_timeout = 0");
    let mode: TriggerMode = "replica";
    await client.query("SAVEPOINT replica");
    try {
      await client.query("SET LOCAL session_replication_role = replica");
    } catch {
      await client.query("ROLLBACK TO SAVEPOINT replica");
      mode = "disable-user-triggers";
      if (
        !(await parentsFirst(
          client,
          tables.map((t) => t.name),
        ))
      ) {
        throw new Error(
          "the archive's table order does not put referenced tables first, and this role may not turn foreign-key checks off",
        );
      }
      for (const t of tables) await client.query(`ALTER TABLE ${quoteIdent(t.name)} DISABLE TRIGGER USER`);
    }
    await client.query(`TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(", ")} RESTART IDENTITY`);
    // Indexes that back no constraint (search, sort orders) are built once after the load,
    // which is several times faster than updating them row by row (GIN above all). Those
    // behind primary keys and unique constraints stay: foreign keys need them.
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relnamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    return new TableLoader(
      client,
      tables,
      mode,
      indexes.map((i) => i.definition),
    );
  }

  /** Appends one chunk of the table at `index` (chunks of a table arrive together, in order); returns its rows. */
  async write(index: number, chunk: AsyncIterable<Buffer>): Promise<number> {
    const table = this.tables[index];
    if (!table) throw new Error(`the archive has data for table #${index}, which its manifest does not list`);
    if (this.current?.table !== table) {
      await this.endTable();
      if (this.loaded.has(table.name)) throw new Error(`${table.name}'s chunks are not together in the archive`);
      const sql = `COPY ${quoteIdent(table.name)} (${columnList(table.columns)}) FROM STDIN`;
      this.current = { table, stream: this.client.query(copyFrom(sql)), rows: 0 };
    }
    const copy = this.current;
    let rows = 0;
    for await (const piece of chunk) {
      rows += countRows(piece);
      if (!copy.stream.write(piece)) await once(copy.stream, "drain");
    }
    copy.rows += rows;
    return rows;
  }

  private async endTable(): Promise<void> {
    const copy = this.current;
    if (!copy) return;
    this.current = null;
    copy.stream.end();
    await finished(copy.stream);
    if (copy.stream.rowCount !== copy.table.rows) {
      throw new Error(
        `${copy.table.name}: loaded ${copy.stream.rowCount} rows, the archive's manifest says ${copy.table.rows}`,
      );
    }
    this.loaded.add(copy.table.name);
  }

  /** Builds the indexes, sets the sequences, turns triggers back on and commits. */
  async commit(sequences: Manifest["sequences"]): Promise<void> {
    await this.endTable();
    const missing = this.tables.filter((t) => t.rows > 0 && !this.loaded.has(t.name));
    if (missing.length) throw new Error(`the archive ends before the data of ${missing.map((t) => t.name).join(", ")}`);
    await this.client.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const definition of this.indexes) await this.client.query(definition);
    for (const s of sequences) {
      if (s.lastValue === null) await this.client.query(`ALTER SEQUENCE ${quoteIdent(s.name)} RESTART`);
      else await this.client.query("SELECT setval($1::regclass, $2::bigint, true)", [quoteIdent(s.name), s.lastValue]);
    }
    if (this.mode === "disable-user-triggers") {
      for (const t of this.tables) await this.client.query(`ALTER TABLE ${quoteIdent(t.name)} ENABLE TRIGGER USER`);
    }
    await this.client.query("COMMIT");
  }

  async rollback(): Promise<void> {
    const copy = this.current;
    this.current = null;
    if (copy) {
      // Destroying the stream sends CopyFail; the server's answer is the expected error.
      copy.stream.on("error", () => {});
      copy.stream.destroy();
      await finished(copy.stream).catch(() => {});
    }
    await this.client.query("ROLLBACK").catch(() => {});
  }
}
