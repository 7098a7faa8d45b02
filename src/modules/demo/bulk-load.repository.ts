// The only SQL of the bulk load (bulk-load.ts): many rows in one statement and one parameter.
import { sql } from "kysely";
import type { Trx } from "../../platform/transaction.ts";

/** Tables the bulk load writes; the names go into the SQL, so only these. */
export const BULK_TABLES = ["child_case", "case_event", "case_worklist_entry", "measure_fact", "measure_span"] as const;
export type BulkTable = (typeof BULK_TABLES)[number];

/**
 * INSERT ... SELECT FROM json_populate_recordset: the rows as one JSON parameter, their columns
 * named, so the others take their defaults. Row-level security and the tables' triggers apply as
 * to any insert. 50,000 rows a statement keeps each parameter to tens of megabytes.
 */
export async function insertRows(trx: Trx, table: BulkTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!BULK_TABLES.includes(table)) throw new Error(`Not a bulk table: ${table}`);
  const columns = Object.keys(rows[0] ?? {});
  if (columns.length === 0) return;
  if (!columns.every((c) => /^[a-z_]+$/.test(c))) throw new Error(`Not column names: ${columns.join(", ")}`);
  const list = sql.raw(columns.join(", "));
  for (let i = 0; i < rows.length; i += 50_000) {
    const batch = JSON.stringify(rows.slice(i, i + 50_000));
    await sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${list} FROM json_populate_recordset(null::${sql.table(table)}, ${batch}::json)`.execute(
      trx,
    );
  }
}
