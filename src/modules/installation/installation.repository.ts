// The SQL of copying an installation table by table (issue 14, part 6), as the tables' owner, so
// row-level security does not apply and every council moves together. Table and column names come
// from the database's own catalogue, never from input.

/** A pg.Pool or a client of one. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface TableShape {
  name: string;
  /** Columns that can be written (not generated), in table order. */
  columns: string[];
  /** Identity columns, whose sequences move on past the copied rows. */
  identity: string[];
  /** The tables its foreign keys point to (itself included, for a tree such as nested sections). */
  references: string[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The application's tables (schema public), leaving out the migrator's own. */
export async function tableShapes(db: Queryable): Promise<TableShape[]> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename NOT IN ('kysely_migration', 'kysely_migration_lock') ORDER BY tablename`,
  );
  const columns = await db.query<{ table: string; column: string; identity: boolean }>(
    `SELECT table_name AS table, column_name AS column, is_identity = 'YES' AS identity FROM information_schema.columns
      WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
  );
  const keys = await db.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`,
  );
  return tables.rows.map(({ name }) => ({
    name,
    columns: columns.rows.filter((c) => c.table === name).map((c) => c.column),
    identity: columns.rows.filter((c) => c.table === name && c.identity).map((c) => c.column),
    references: [...new Set(keys.rows.filter((k) => k.child === name).map((k) => k.parent))],
  }));
}

export async function countRows(db: Queryable, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(table)}`);
  return rows[0]?.n ?? 0;
}

/**
 * Rows as one JSON array (bytea as \x hex, which reading it back understands), in storage order:
 * stable while nothing writes to the table, as the source is locked for the copy.
 */
export async function readRows(db: Queryable, table: TableShape, offset: number, limit: number): Promise<string> {
  const list = table.columns.map(quote).join(", ");
  const { rows } = await db.query<{ rows: string }>(
    `SELECT coalesce(json_agg(t), '[]')::text AS rows FROM (SELECT ${list} FROM ${quote(table.name)} ORDER BY ctid OFFSET $1 LIMIT $2) t`,
    [offset, limit],
  );
  return rows[0]?.rows ?? "[]";
}

/** Writes rows read by readRows: PostgreSQL turns each JSON value back into the column's type. */
export async function writeRows(db: Queryable, table: TableShape, json: string): Promise<void> {
  const list = table.columns.map(quote).join(", ");
  await db.query(
    `INSERT INTO ${quote(table.name)} (${list}) OVERRIDING SYSTEM VALUE
     SELECT ${list} FROM json_populate_recordset(NULL::${quote(table.name)}, $1::json)`,
    [json],
  );
}

/** Turns a table's own triggers (not the foreign keys' checks) off or on: the owner only, inside the copy's transaction. */
export async function setUserTriggers(db: Queryable, table: string, enabled: boolean): Promise<void> {
  await db.query(`ALTER TABLE ${quote(table)} ${enabled ? "ENABLE" : "DISABLE"} TRIGGER USER`);
}

export async function deleteRows(db: Queryable, table: string): Promise<void> {
  await db.query(`DELETE FROM ${quote(table)}`);
}

/** Moves an identity column's sequence past the highest value copied. */
export async function moveIdentityOn(db: Queryable, table: string, column: string): Promise<void> {
  await db.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`, [
    quote(table),
    column,
  ]);
}
