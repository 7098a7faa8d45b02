// SQL that every council-owned table needs, written once for the migrations: row-level security
// keeps each council's rows to itself (docs/adr/0003), and send_app gets only the privileges named.

/**
 * Row-level security on a table with a `council_id` column, a policy that limits reads and writes
 * to the council set for the transaction (`app_council_id()`), and the grants to `send_app`.
 * `privileges` is what the application may do: append-only tables leave out UPDATE and DELETE.
 */
export function councilTableSql(table: string, privileges: string[] = ["SELECT", "INSERT", "UPDATE"]): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Not a table name: ${table}`);
  return `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${table}_council ON ${table}
  USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id());
GRANT ${privileges.join(", ")} ON ${table} TO send_app;
`;
}
